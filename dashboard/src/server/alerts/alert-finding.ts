/** One offender a rule trips on, as the engine turns it into an event. */
export interface AlertFinding {
  /** null: the rule's whole scope (a project, or all). */
  offender: { dimension: string; value: string } | null;
  value: number;
  threshold: number;
  /** Budgets: the highest warning share crossed, in percent. */
  level: number | null;
  message: string;
  link: string | null;
}
