/** Seats used and left as a meter with the numbers in words. */
import { Label, Meter } from 'react-aria-components';

export function Seats({ seats, label = 'Seats' }: { seats: { limit: number; used: number; available: number }; label?: string }) {
  const full = seats.available <= 0;
  return (
    <Meter className={`seats${full ? ' seats--full' : ''}`} value={seats.used} minValue={0} maxValue={Math.max(seats.limit, 1)} valueLabel={`${seats.used} of ${seats.limit} used`}>
      {({ percentage }) => (
        <>
          <div className="seats__text">
            <Label>{label}</Label>
            <span data-testid="seats-summary">
              <strong>{seats.used}</strong> used · <strong>{seats.available}</strong> left of {seats.limit}
            </span>
          </div>
          <div className="seats__bar" aria-hidden="true">
            <progress className="seats__fill" max={100} value={Math.min(100, percentage)} />
          </div>
        </>
      )}
    </Meter>
  );
}
