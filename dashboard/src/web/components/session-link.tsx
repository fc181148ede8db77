import { A } from '@solidjs/router';

/** "open run": a call row's link to its session, which does not also open the row's call. */
export function SessionLink(props: { sessionId: string }) {
  return (
    <A
      href={`/sessions/${encodeURIComponent(props.sessionId)}`}
      onClick={(event) => event.stopPropagation()}
      data-call-session-link
    >
      open run
    </A>
  );
}
