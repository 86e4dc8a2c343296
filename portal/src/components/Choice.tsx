/** A radio choice drawn as a card (title and explanation), and a switch: React Aria's, with the portal's look. */
import type { ReactNode } from 'react';
import { Radio, Switch } from 'react-aria-components';

export function RadioCard({ value, title, children }: { value: string; title: ReactNode; children?: ReactNode }) {
  return (
    <Radio value={value} className="radio-card">
      <span className="radio-card__dot" aria-hidden="true" />
      <span className="radio-card__body">
        <span className="radio-card__title">{title}</span>
        {children && <span className="radio-card__text">{children}</span>}
      </span>
    </Radio>
  );
}

export function Toggle({ isSelected, onChange, children }: { isSelected: boolean; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <Switch className="switch" isSelected={isSelected} onChange={onChange}>
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      {children}
    </Switch>
  );
}
