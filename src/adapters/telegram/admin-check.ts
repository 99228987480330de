import type { Api } from "grammy";

/**
 * Whether a user administers a chat, through getChatMember, remembered for a short while:
 * settings commands in a busy group would otherwise cost one API call each, and a demoted
 * admin loses the right within `ttlMs`.
 */
export function createAdminCheck(api: Api, ttlMs = 60_000, now: () => number = Date.now) {
  const cache = new Map<string, { admin: boolean; until: number }>();
  return async (chat: number, user: number): Promise<boolean> => {
    const key = `${chat}:${user}`;
    const hit = cache.get(key);
    if (hit !== undefined && hit.until > now()) return hit.admin;
    const member = await api.getChatMember(chat, user);
    const admin = member.status === "creator" || member.status === "administrator";
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { admin, until: now() + ttlMs });
    return admin;
  };
}
