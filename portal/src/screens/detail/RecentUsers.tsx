/** The directory's newest users and their cards: what the admin checks after the first cycle. */
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { UsersQuery } from '../../operations';

export function RecentUsers({ directoryId, userCount }: { directoryId: string; userCount: number }) {
  const [{ data }, refetch] = useQuery({ query: UsersQuery, variables: { directoryId }, pause: userCount === 0 });
  useEffect(() => {
    if (userCount > 0) refetch({ requestPolicy: 'network-only' });
  }, [userCount, refetch]);
  if (userCount === 0 || !data) return null;
  return (
    <section className="panel" aria-labelledby="users-title">
      <h2 id="users-title">Newest users</h2>
      <ul className="users" data-testid="recent-users">
        {data.users.edges.map(({ node }) => (
          <li key={node.id} className="user-row">
            <span className="user-row__name">{node.displayName ?? node.userName ?? node.email}</span>
            <span className="muted user-row__mail">{node.userName ?? node.email}</span>
            {!node.active && <span className="badge badge--quiet">deactivated</span>}
            {node.card ? (
              <a href={node.card.publicUrl} target="_blank" rel="noopener noreferrer">
                Card{node.card.template ? ` (${node.card.template.name})` : ''}
                {node.card.status === 'SUSPENDED' ? ', hidden' : ''}
                <span className="visually-hidden"> of {node.displayName ?? node.userName} (opens in a new tab)</span>
              </a>
            ) : (
              <span className="muted">no card</span>
            )}
          </li>
        ))}
      </ul>
      {data.users.totalCount > data.users.edges.length && <p className="muted">and {data.users.totalCount - data.users.edges.length} more.</p>}
    </section>
  );
}
