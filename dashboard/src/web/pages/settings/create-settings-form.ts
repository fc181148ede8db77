import { type Accessor, createEffect, createResource, createSignal, type Resource } from 'solid-js';
import { createStore, reconcile, type SetStoreFunction } from 'solid-js/store';
import type { AlertsResponse, DashboardSettings, SettingsResponse } from '../../../shared/api-types.js';
import { DEFAULT_SETTINGS } from '../../../shared/dashboard-settings.js';
import { apiGet, apiSend } from '../../api.js';
import { useAppState } from '../../app-state.js';

/** A line saying what the last action did, green or red. */
export interface FormMessage {
  ok: boolean;
  text: string;
}

/** The Settings page's state: the stored settings, the alert checks, the form being edited and its messages. */
export interface SettingsForm {
  data: Resource<SettingsResponse>;
  refetch(): void;
  alerts: Resource<AlertsResponse>;
  setAlerts(alerts: AlertsResponse): void;
  /** Reload the alert status (after rules or channels change: the server has evaluated them). */
  refetchAlerts(): void;
  form: DashboardSettings;
  setForm: SetStoreFunction<DashboardSettings>;
  message: Accessor<FormMessage | null>;
  /** Runs an action and shows the message it returns, or its error. */
  report(action: () => Promise<FormMessage>): Promise<void>;
  /** Stores one section of the form; a new display section applies at once. */
  save(section: keyof DashboardSettings): Promise<void>;
}

/** Loads the settings and alert checks, and keeps the form in step with what is stored. */
export function createSettingsForm(): SettingsForm {
  const state = useAppState();
  const [data, { refetch }] = createResource(() => apiGet<SettingsResponse>('settings'));
  const [alerts, alertActions] = createResource(() => apiGet<AlertsResponse>('alerts'));
  const [form, setForm] = createStore<DashboardSettings>(structuredClone(DEFAULT_SETTINGS));
  const [message, setMessage] = createSignal<FormMessage | null>(null);
  createEffect(() => {
    const settings = data.latest?.settings;
    if (settings) setForm(reconcile(structuredClone(settings)));
  });
  const report = async (action: () => Promise<FormMessage>) => {
    try {
      setMessage(await action());
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    }
  };
  const save = (section: keyof DashboardSettings) =>
    report(async () => {
      const result = await apiSend<{ settings: DashboardSettings }>('PUT', 'settings', { [section]: form[section] });
      if (section === 'display') state.setDisplay(result.settings.display);
      void refetch();
      void alertActions.refetch();
      return { ok: true, text: `Saved ${section} settings.` };
    });
  return {
    data,
    refetch: () => void refetch(),
    alerts,
    setAlerts: (value) => alertActions.mutate(value),
    refetchAlerts: () => void alertActions.refetch(),
    form,
    setForm,
    message,
    report,
    save,
  };
}
