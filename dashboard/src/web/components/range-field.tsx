/** A labelled slider with its value shown beside it, for panel actions. */
export function RangeField(props: {
  label: string;
  /** Tooltip of the whole field. */
  title?: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** The value as shown beside the slider. */
  shown: string;
  onChange: (value: number) => void;
  /** Reports every move, not only the value where the slider is let go. */
  live?: boolean;
}) {
  const report = (e: { currentTarget: HTMLInputElement }) => props.onChange(Number(e.currentTarget.value));
  return (
    <label class="toggle" title={props.title}>
      {props.label}
      <input
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onInput={(e) => props.live && report(e)}
        onChange={(e) => !props.live && report(e)}
      />
      <span class="mono">{props.shown}</span>
    </label>
  );
}
