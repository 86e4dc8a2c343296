/** The seat forecast in words: OK quietly, LOW as a warning before the first refusal, EXCEEDED as an error. */
import type { SeatForecastFieldsFragment } from '../gql/graphql';

export function SeatForecastNote({ forecast, quietWhenOk = true }: { forecast: SeatForecastFieldsFragment; quietWhenOk?: boolean }) {
  if (forecast.status === 'OK' && quietWhenOk) return null;
  const kind = forecast.status === 'EXCEEDED' ? 'error' : forecast.status === 'LOW' ? 'warning' : 'ok';
  return (
    <p className={`note note--${kind}`} role="status" data-testid="seat-forecast" data-status={forecast.status}>
      <strong>{forecast.status === 'EXCEEDED' ? 'Not enough seats. ' : forecast.status === 'LOW' ? 'Seats are running out. ' : ''}</strong>
      {forecast.message}
    </p>
  );
}
