/**
 * Stored state read back with SQL, for assertions on columns no repository exposes (a delivery
 * row's attempts, last error and platform message id; a subscription's state by id). Seeding
 * goes through test/support/store-fixtures.ts, never here.
 */
import type { SubscriptionId } from "../../src/domain/index.js";
import type { Db } from "../../src/store/database.js";

/** The subscription's stored `active` flag (0 or 1) and deactivation reason. */
export function subscriptionState(db: Db, id: SubscriptionId): { active: number; deactivated_reason: string | null } {
  return db.prepare("SELECT active, deactivated_reason FROM subscriptions WHERE id = ?").get(id) as {
    active: number;
    deactivated_reason: string | null;
  };
}

/** Every delivery row, oldest first. */
export function deliveryRows(db: Db): {
  dedupe_key: string;
  part: number;
  state: string;
  attempts: number;
  last_error: string | null;
  platform_message_id: string | null;
}[] {
  return db
    .prepare("SELECT dedupe_key, part, state, attempts, last_error, platform_message_id FROM deliveries ORDER BY id")
    .all() as ReturnType<typeof deliveryRows>;
}
