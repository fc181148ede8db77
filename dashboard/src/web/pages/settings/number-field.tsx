/** A labelled number input; with a placeholder the field is optional and an empty field is null. */
type NumberFieldProps = { label: string; min?: number; max?: number; step?: number } & (
  | { value: number; onInput: (value: number) => void; placeholder?: undefined }
  | { value: number | null; onInput: (value: number | null) => void; placeholder: string }
);

/** A number field of the settings form. */
export function NumberField(props: NumberFieldProps) {
  const read = (text: string) => (props.placeholder !== undefined && text.trim() === '' ? null : Number(text));
  return (
    <label class="field">
      {props.label}
      <input
        class="input"
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        placeholder={props.placeholder}
        value={props.value ?? ''}
        onInput={(e) => (props.onInput as (value: number | null) => void)(read(e.currentTarget.value))}
      />
    </label>
  );
}
