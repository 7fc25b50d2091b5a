import { Button } from '../../../components/Button';

interface AgendaMoveButtonsProps {
  /** The patient's name, so each button says which item it moves. */
  name: string;
  first: boolean;
  last: boolean;
  disabled: boolean;
  onMove(offset: -1 | 1): void;
}

export function AgendaMoveButtons({ name, first, last, disabled, onMove }: AgendaMoveButtonsProps) {
  return (
    <div className="agenda__move" role="group" aria-label={`Order of ${name}`}>
      <Button data-move="up" disabled={disabled || first} onClick={() => onMove(-1)}>
        Move up<span className="visually-hidden"> {name}</span>
      </Button>
      <Button data-move="down" disabled={disabled || last} onClick={() => onMove(1)}>
        Move down<span className="visually-hidden"> {name}</span>
      </Button>
    </div>
  );
}
