import { createResource, type Resource } from 'solid-js';
import { apiGet, type Params } from './api.js';
import { useAppState } from './app-state.js';

/**
 * GETs an endpoint under /api with the project and time-range filters (plus `extra`
 * parameters), again whenever any of them changes.
 *
 * @example
 * const router = createFilteredResource<RouterResponse | EmptyResponse>('router', () => ({ columns: columns() }));
 */
export function createFilteredResource<T>(path: string, extra: () => Params = () => ({})): Resource<T> {
  const state = useAppState();
  const [resource] = createResource(
    () => ({ ...state.filter(), ...extra() }),
    (params) => apiGet<T>(path, params),
  );
  return resource;
}
