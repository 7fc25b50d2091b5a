interface LabelOptionsProps {
  /** Value → the words people read, in the order to offer them. */
  labels: Readonly<Record<string, string>>;
  /** Offer only these values, in this order. */
  only?: readonly string[];
}

/** The <option>s of a select whose values have labels. */
export function LabelOptions({ labels, only = Object.keys(labels) }: LabelOptionsProps) {
  return (
    <>
      {only.map((value) => (
        <option key={value} value={value}>
          {labels[value]}
        </option>
      ))}
    </>
  );
}
