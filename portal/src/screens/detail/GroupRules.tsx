/** Group template rules: the card template each group's members get, and its priority among their groups. */
import { useState } from 'react';
import { Button, Input, Label, ListBox, ListBoxItem, NumberField, Popover, Select, SelectValue } from 'react-aria-components';
import { useMutation, useQuery } from 'urql';
import { GroupsQuery, SetGroupTemplateMutation } from '../../operations';
import { ErrorNote, errorText, Loading } from '../common';

const NONE = '__none__';

export function GroupRules({ directoryId, templates, groupCount }: { directoryId: string; templates: { id: string; name: string }[]; groupCount: number }) {
  const [{ data, error }] = useQuery({ query: GroupsQuery, variables: { directoryId }, requestPolicy: 'cache-and-network' });
  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">Group template rules</h2>
      <p className="muted">Members of a group with a template get that card design; among a person’s groups, the highest priority wins.</p>
      {error && <ErrorNote error={error} />}
      {!data && !error && <Loading what="groups" />}
      {data && data.groups.edges.length === 0 && <p className="panel empty">{groupCount === 0 ? 'The directory has not provisioned groups yet.' : 'No groups.'}</p>}
      {data && data.groups.edges.length > 0 && (
        <ul className="group-rules">
          {data.groups.edges.map(({ node }) => (
            <GroupRule key={node.id} group={node} templates={templates} />
          ))}
        </ul>
      )}
    </section>
  );
}

function GroupRule({
  group,
  templates,
}: {
  group: { id: string; displayName: string; memberCount: number; templatePriority: number; template: { id: string } | null };
  templates: { id: string; name: string }[];
}) {
  const [templateId, setTemplateId] = useState(group.template?.id ?? NONE);
  const [priority, setPriority] = useState(group.templatePriority);
  const [state, setGroupTemplate] = useMutation(SetGroupTemplateMutation);
  const [message, setMessage] = useState('');
  const changed = templateId !== (group.template?.id ?? NONE) || priority !== group.templatePriority;
  return (
    <li className="group-rule panel">
      <div className="group-rule__name">
        <h3>{group.displayName}</h3>
        <p className="muted">{group.memberCount === 1 ? '1 member' : `${group.memberCount} members`}</p>
      </div>
      <Select className="field" selectedKey={templateId} onSelectionChange={(key) => setTemplateId(String(key))}>
        <Label>Template</Label>
        <Button className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="popover">
          <ListBox className="listbox">
            <ListBoxItem id={NONE} className="listbox__item">
              No rule
            </ListBoxItem>
            {templates.map((t) => (
              <ListBoxItem key={t.id} id={t.id} className="listbox__item">
                {t.name}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>
      <NumberField className="field field--narrow" value={priority} onChange={(v) => setPriority(Number.isFinite(v) ? v : 0)} step={1} isDisabled={templateId === NONE}>
        <Label>Priority</Label>
        <Input />
      </NumberField>
      <Button
        className="button button--secondary"
        isDisabled={!changed || state.fetching}
        onPress={async () => {
          const result = await setGroupTemplate({ input: { groupId: group.id, templateId: templateId === NONE ? null : templateId, priority } });
          setMessage(result.error ? errorText(result.error) : `Saved; ${result.data!.setGroupTemplate.cardsUpdated} cards updated.`);
        }}
      >
        Save rule
      </Button>
      <p role="status" aria-live="polite" className="group-rule__message">
        {message}
      </p>
    </li>
  );
}
