import type { Api } from "grammy";
import type { AdminStatus } from "../../chat/index.js";
import type { Logger } from "../../domain/index.js";
import { optionalCall } from "./optional-call.js";

/**
 * Whether a user administers a chat, through getChatMember, remembered for a short while:
 * settings commands in a busy group would otherwise cost one API call each, and a demoted
 * admin loses the right within `ttlMs`. When the server cannot say (getChatMember fails or is
 * not offered), the answer is "unknown": the command treats the user as no admin and says why.
 * An unknown is not remembered, so the next command asks again.
 */
export function createAdminCheck(api: Api, logger: Logger, ttlMs = 60_000, now: () => number = Date.now) {
  const cache = new Map<string, { admin: boolean; until: number }>();
  return async (chat: number, user: number): Promise<AdminStatus> => {
    const key = `${chat}:${user}`;
    const hit = cache.get(key);
    if (hit !== undefined && hit.until > now()) return hit.admin;
    const member = await optionalCall(logger, "getChatMember", () => api.getChatMember(chat, user));
    if (member === undefined) return "unknown";
    const admin = member.status === "creator" || member.status === "administrator";
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { admin, until: now() + ttlMs });
    return admin;
  };
}
