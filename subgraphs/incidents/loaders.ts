/**
 * Per-request batching of what field resolvers look up. Caching is off on
 * purpose: a subscription keeps one context for hours, and every frame must
 * show the Incident as it is now, not as the first frame found it.
 */
import DataLoader from 'dataloader';
import { loader, type RequestContext } from '../../common/context.ts';
import { Alert } from './alerts/alert.entity.ts';
import { deliveriesOf, type AlertDeliveryView } from './delivery/delivery.ts';
import { Incident } from './incidents/incident.entity.ts';

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

/** Incidents by id, read fresh for every frame. */
export function incidentLoader(context: RequestContext): DataLoader<string, Incident | null> {
  return loader(
    context,
    'incidents.incident',
    () => new DataLoader<string, Incident | null>(async (ids) => byId(ids, await context.em.fork().find(Incident, { id: { $in: [...ids] } })), { cache: false }),
  );
}

/** Alerts by id, read fresh for every frame. */
export function alertLoader(context: RequestContext): DataLoader<string, Alert | null> {
  return loader(
    context,
    'incidents.alert',
    () => new DataLoader<string, Alert | null>(async (ids) => byId(ids, await context.em.fork().find(Alert, { id: { $in: [...ids] } })), { cache: false }),
  );
}

/** Alerts' deliveries by alert id, read fresh for every frame: the dispatcher watches them change. */
export function deliveryLoader(context: RequestContext): DataLoader<string, AlertDeliveryView | null> {
  return loader(
    context,
    'incidents.alert-delivery',
    () =>
      new DataLoader<string, AlertDeliveryView | null>(
        async (ids) => {
          const found = new Map((await deliveriesOf(context.em.fork(), ids)).map((view) => [view.alertId, view]));
          return ids.map((id) => found.get(id) ?? null);
        },
        { cache: false },
      ),
  );
}
