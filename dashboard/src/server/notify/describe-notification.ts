import type { Notification } from './notification.js';

const VERBS: Record<Notification['kind'], string> = { firing: 'FIRING', resolved: 'resolved', test: 'test' };

/** "FIRING: Hourly cost (acme)": the one line Slack and email both lead with. */
export function notificationTitle(notification: Notification): string {
  const offender = notification.offender ? ` (${notification.offender.value})` : '';
  return `${VERBS[notification.kind]}: ${notification.ruleName}${offender}`;
}

/** "FIRING: Hourly cost (acme): <message>": a notification in one line, alone or in a list of several. */
export function notificationSummary(notification: Notification): string {
  return `${notificationTitle(notification)}: ${notification.message}`;
}

/**
 * The details under the message as label/value pairs, in reading order; absent ones are
 * left out. The sessions link is not among them: each channel renders it its own way.
 */
export function notificationFacts(notification: Notification): Array<[label: string, value: string]> {
  const { value, threshold, offender, projectName, startedAt, resolvedAt } = notification;
  const facts: Array<[string, string]> = [['Rule', `${notification.ruleName} (${notification.ruleKind})`]];
  if (value !== null) facts.push(['Value', threshold === null ? String(value) : `${value} (threshold ${threshold})`]);
  if (offender) facts.push(['Offender', `${offender.dimension} = ${offender.value}`]);
  if (projectName !== null) facts.push(['Project', projectName]);
  facts.push(['Started', startedAt.toISOString()]);
  if (resolvedAt) facts.push(['Resolved', resolvedAt.toISOString()]);
  return facts;
}
