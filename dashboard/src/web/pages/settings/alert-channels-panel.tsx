import { createResource, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { AlertChannelInput } from '../../../shared/alert-channel.js';
import type { AlertChannel } from '../../../shared/api-types.js';
import { apiGet, apiSend } from '../../api.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import type { SettingsForm } from './create-settings-form.js';

interface ChannelDraft {
  type: AlertChannel['type'];
  name: string;
  url: string;
  secret: string;
  smtpUrl: string;
  from: string;
  to: string;
}

const EMPTY_DRAFT: ChannelDraft = { type: 'slack', name: '', url: '', secret: '', smtpUrl: '', from: '', to: '' };

/** Where one channel sends, without its secret. */
function describeChannel(channel: AlertChannel): string {
  if (channel.type === 'slack') return new URL(channel.webhookUrl).host;
  if (channel.type === 'webhook') return `${channel.url} (signed)`;
  return `${channel.to.join(', ')} via ${new URL(channel.smtpUrl).host}`;
}

function toBody(draft: ChannelDraft): AlertChannelInput {
  if (draft.type === 'slack') return { type: 'slack', name: draft.name, webhookUrl: draft.url.trim() };
  if (draft.type === 'webhook')
    return { type: 'webhook', name: draft.name, url: draft.url.trim(), secret: draft.secret };
  const to = draft.to
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter(Boolean);
  return { type: 'email', name: draft.name, smtpUrl: draft.smtpUrl.trim(), from: draft.from.trim(), to };
}

/** Alert channels: Slack, a signed webhook, email; each with a test button. Nothing is sent anywhere else. */
export function AlertChannelsPanel(props: { settings: SettingsForm }) {
  const [channels, { refetch }] = createResource(() => apiGet<{ items: AlertChannel[] }>('alerts/channels'));
  const [draft, setDraft] = createStore<ChannelDraft>({ ...EMPTY_DRAFT });
  const create = () =>
    props.settings.report(async () => {
      const { channel } = await apiSend<{ channel: AlertChannel }>('POST', 'alerts/channels', toBody(draft));
      setDraft({ ...EMPTY_DRAFT });
      refetch();
      return { ok: true, text: `Added the channel "${channel.name}": choose it in a rule to use it.` };
    });
  const test = (channel: AlertChannel) =>
    props.settings.report(async () => {
      const result = await apiSend<{ ok: boolean; status: string }>('POST', `alerts/channels/${channel.id}/test`);
      return { ok: result.ok, text: `${channel.name}: ${result.status}` };
    });
  const remove = (channel: AlertChannel) => {
    if (!window.confirm(`Delete the channel "${channel.name}"?`)) return;
    return props.settings.report(async () => {
      await apiSend('DELETE', `alerts/channels/${channel.id}`);
      refetch();
      return { ok: true, text: `Deleted "${channel.name}".` };
    });
  };
  return (
    <Panel
      title="Alert channels"
      hint="Webhooks are signed (HMAC-SHA256, see the README); secrets are never shown again"
    >
      <div class="stack" id="alert-channels">
        <DataTable
          rows={channels.latest?.items ?? []}
          empty="No channel: alerts are kept in the history only."
          columns={[
            { cell: (channel) => <strong>{channel.name}</strong> },
            { class: 'faint', cell: (channel) => channel.type },
            { class: 'muted', cell: (channel) => describeChannel(channel) },
            {
              cell: (channel) => (
                <div class="row" style={{ 'flex-wrap': 'nowrap' }}>
                  <button type="button" class="button" onClick={() => test(channel)}>
                    Send test
                  </button>
                  <button type="button" class="button" onClick={() => remove(channel)}>
                    Delete
                  </button>
                </div>
              ),
            },
          ]}
        />
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label class="field">
            Type
            <select
              class="select"
              value={draft.type}
              onChange={(e) => setDraft('type', e.currentTarget.value as ChannelDraft['type'])}
            >
              <option value="slack">Slack</option>
              <option value="webhook">Webhook (signed)</option>
              <option value="email">Email (SMTP)</option>
            </select>
          </label>
          <label class="field">
            Name
            <input class="input" required value={draft.name} onInput={(e) => setDraft('name', e.currentTarget.value)} />
          </label>
          <Show when={draft.type !== 'email'}>
            <label class="field">
              URL
              <input
                class="input"
                type="url"
                required
                placeholder={draft.type === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://…'}
                value={draft.url}
                onInput={(e) => setDraft('url', e.currentTarget.value)}
              />
            </label>
          </Show>
          <Show when={draft.type === 'webhook'}>
            <label class="field">
              Secret (16+ characters)
              <input
                class="input"
                type="password"
                minLength={16}
                required
                value={draft.secret}
                onInput={(e) => setDraft('secret', e.currentTarget.value)}
              />
            </label>
          </Show>
          <Show when={draft.type === 'email'}>
            <label class="field">
              SMTP URL
              <input
                class="input"
                required
                placeholder="smtps://user:password@smtp.example.com:465"
                value={draft.smtpUrl}
                onInput={(e) => setDraft('smtpUrl', e.currentTarget.value)}
              />
            </label>
            <label class="field">
              From
              <input
                class="input"
                type="email"
                required
                value={draft.from}
                onInput={(e) => setDraft('from', e.currentTarget.value)}
              />
            </label>
            <label class="field">
              To
              <input
                class="input"
                required
                placeholder="ops@example.com, …"
                value={draft.to}
                onInput={(e) => setDraft('to', e.currentTarget.value)}
              />
            </label>
          </Show>
          <button type="submit" class="button primary">
            Add channel
          </button>
        </form>
      </div>
    </Panel>
  );
}
