import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A loopback stand-in for Discord's gateway (v10, JSON encoding, no compression), enough for
 * discord.js to log in and stay connected: HELLO, heartbeat ACKs, IDENTIFY checked against the
 * bot token and answered with READY, RESUME refused with INVALID_SESSION so the client identifies
 * afresh. Dispatches (INTERACTION_CREATE …) are pushed to every identified session, with a
 * sequence number as Discord sends them; `interact` builds the interaction itself, of any type
 * a member can send (slash command, autocomplete, button, select menu, modal, Apps command, and
 * a PING or a type Discord may add), as the developer docs shape it.
 */

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/** Close codes Discord documents for a bad IDENTIFY. */
const AuthenticationFailed = 4004;
const DisallowedIntents = 4014;
/** GUILDS; anything privileged (members, presences, message content) is refused here as Discord would without approval. */
const PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);

export interface IdentifyRecord {
  readonly intents: number;
  readonly at: number;
  /** The `[shard_id, num_shards]` the client identified as ([0, 1] when it sent none). */
  readonly shard: readonly [number, number];
}

/** Discord's routing: a guild's events go to shard `(guild_id >> 22) % num_shards`; DMs to shard 0. */
export const shardOfGuild = (guildId: string, shards: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(shards));

export interface FakeGateway {
  /** The `url` GET /gateway/bot returns. */
  readonly url: string;
  /** Every accepted IDENTIFY, in order: one per login (a restart identifies again). */
  readonly identifies: readonly IdentifyRecord[];
  /** Sessions that completed IDENTIFY and are still open. */
  sessions(): number;
  /** The shard ids of those sessions, sorted (a shard held twice appears twice). */
  openShards(): number[];
  /** Send a dispatch event to every identified session, or only to its guild's shard when the sessions are sharded. */
  dispatch(event: string, data: unknown): void;
  /**
   * A member does something: INTERACTION_CREATE with the interaction as Discord shapes it, a
   * fresh id and token each time. Resolves to them, to find the bot's answer.
   */
  interact(spec: InteractionSpec, where?: InteractionPlace): SentInteraction;
  close(): Promise<void>;
}

/** What a member did, as Discord reports it. Option values are strings, the only type Bantin declares. */
export type InteractionSpec =
  | { readonly kind: "slash"; readonly name: string; readonly options?: Readonly<Record<string, string>> }
  | { readonly kind: "autocomplete"; readonly name: string; readonly option: string; readonly typed: string }
  /** A press on a button of an earlier message (Bantin's messages on Discord carry none). */
  | { readonly kind: "button"; readonly customId: string }
  | { readonly kind: "select"; readonly customId: string; readonly values: readonly string[] }
  | { readonly kind: "modal"; readonly customId: string; readonly fields: Readonly<Record<string, string>> }
  /** Apps → <name> on a member's profile, or on a message. */
  | { readonly kind: "user-command"; readonly name: string }
  | { readonly kind: "message-command"; readonly name: string }
  /** Discord's PING, which only HTTP interactions receive. */
  | { readonly kind: "ping" }
  /** A type number Discord may add later, with whatever data. */
  | { readonly kind: "other"; readonly type: number; readonly data?: unknown };

/** Where it happened: a server channel (the member's channel permissions as Discord computed them) or a DM. */
export interface InteractionPlace {
  readonly guild: boolean;
  /** Discord's locale of the member, e.g. "vi" or "en-US". */
  readonly locale?: string;
  readonly permissions?: bigint;
  /** A server channel other than the default text channel: a thread, or a post in a forum (type 11 with its parent). */
  readonly channel?: { readonly id: string; readonly type: number; readonly parentId?: string };
  /** A server other than FAKE_GUILD (its id decides the shard that gets the interaction). */
  readonly guildId?: string;
}

export interface SentInteraction {
  readonly id: string;
  readonly token: string;
}

export const FAKE_GUILD = "1100000000000000000";
export const FAKE_GUILD_CHANNEL = "1110000000000000000";
export const FAKE_DM_CHANNEL = "1500000000000000002";
/** View Channel, Send Messages, Read History, Use Application Commands. */
export const MEMBER_PERMISSIONS = 2147551232n;

const member = {
  id: "1400000000000000001",
  username: "lan.nguyen",
  global_name: "Lan",
  discriminator: "0",
  avatar: null,
};

/** One of the bot's earlier messages, with a button and a select menu (what a component belongs to). */
const earlierMessage = (channelId: string) => ({
  id: "1299999999999999999",
  type: 0,
  channel_id: channelId,
  author: { id: "1000", username: "bantin", discriminator: "0", global_name: null, avatar: null, bot: true },
  content: "Bản tin",
  embeds: [],
  attachments: [],
  mentions: [],
  mention_roles: [],
  mention_everyone: false,
  pinned: false,
  tts: false,
  flags: 0,
  timestamp: "2026-11-21T00:00:00.000000+00:00",
  edited_timestamp: null,
  components: [
    {
      type: 1,
      components: [
        { type: 2, style: 1, label: "Mỹ – Triều", custom_id: "t:my-trieu" },
        { type: 3, custom_id: "topics", options: [{ label: "Liên Triều", value: "lien-trieu" }] },
      ],
    },
  ],
});

/** The `type` and `data` (and `message`, for components) of each kind, as the developer docs show them. */
function interactionBody(spec: InteractionSpec, channelId: string): Record<string, unknown> {
  const command = { id: "1250000000000000001" };
  switch (spec.kind) {
    case "slash":
      return {
        type: 2,
        data: {
          ...command,
          name: spec.name,
          type: 1,
          options: Object.entries(spec.options ?? {}).map(([name, value]) => ({ name, type: 3, value })),
        },
      };
    case "autocomplete":
      return {
        type: 4,
        data: {
          ...command,
          name: spec.name,
          type: 1,
          options: [{ name: spec.option, type: 3, value: spec.typed, focused: true }],
        },
      };
    case "button":
      return { type: 3, data: { custom_id: spec.customId, component_type: 2 }, message: earlierMessage(channelId) };
    case "select":
      return {
        type: 3,
        data: { custom_id: spec.customId, component_type: 3, values: spec.values },
        message: earlierMessage(channelId),
      };
    case "modal":
      return {
        type: 5,
        data: {
          custom_id: spec.customId,
          components: Object.entries(spec.fields).map(([id, value]) => ({
            type: 1,
            components: [{ type: 4, custom_id: id, value }],
          })),
        },
      };
    case "user-command":
      return {
        type: 2,
        data: {
          ...command,
          name: spec.name,
          type: 2,
          target_id: member.id,
          resolved: { users: { [member.id]: member } },
        },
      };
    case "message-command": {
      const target = earlierMessage(channelId);
      return {
        type: 2,
        data: {
          ...command,
          name: spec.name,
          type: 3,
          target_id: target.id,
          resolved: { messages: { [target.id]: target } },
        },
      };
    }
    case "ping":
      return { type: 1 };
    case "other":
      return { type: spec.type, ...(spec.data === undefined ? {} : { data: spec.data }) };
  }
}

/**
 * An interaction as Discord sends it (INTERACTION_CREATE, or the body of an HTTP interaction):
 * in a server channel with the member and their permissions, or in a DM with the user.
 */
export function fakeInteraction(
  spec: InteractionSpec,
  where: InteractionPlace,
  ids: SentInteraction & { readonly applicationId: string },
): Record<string, unknown> {
  const base = { id: ids.id, token: ids.token, application_id: ids.applicationId, version: 1 };
  if (spec.kind === "ping") return { ...base, type: 1 };
  const channelId = where.guild ? (where.channel?.id ?? FAKE_GUILD_CHANNEL) : FAKE_DM_CHANNEL;
  const guild = where.guildId ?? FAKE_GUILD;
  const inThread = where.channel?.parentId === undefined ? {} : { parent_id: where.channel.parentId };
  const place = where.guild
    ? {
        guild_id: guild,
        guild: { id: guild, locale: "vi", features: [] },
        guild_locale: "vi",
        channel: {
          id: channelId,
          guild_id: guild,
          type: where.channel?.type ?? 0,
          name: "tin-tuc",
          flags: 0,
          permissions: "2147551232",
          ...inThread,
        },
        member: {
          user: member,
          roles: [],
          joined_at: "2026-01-15T08:00:00.000000+00:00",
          deaf: false,
          mute: false,
          flags: 0,
          pending: false,
          permissions: String(where.permissions ?? MEMBER_PERMISSIONS),
        },
        context: 0,
        authorizing_integration_owners: { "0": guild },
      }
    : {
        channel: { id: channelId, type: 1, flags: 0, recipients: [member] },
        user: member,
        context: 1,
        authorizing_integration_owners: { "1": member.id },
      };
  return {
    ...base,
    ...place,
    channel_id: channelId,
    locale: where.locale ?? "vi",
    app_permissions: "2248473465835073",
    entitlements: [],
    entitlement_sku_ids: [],
    ...interactionBody(spec, channelId),
  };
}

interface Session {
  readonly socket: WebSocket;
  seq: number;
  identified: boolean;
  shard: readonly [number, number];
}

export function attachFakeGateway(
  server: Server,
  options: { readonly token: string; readonly applicationId: string; readonly baseUrl: string },
): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  const identifies: IdentifyRecord[] = [];
  const url = `${options.baseUrl.replace(/^http/, "ws")}/gateway`;
  let sessionNumber = 0;
  let interactionNumber = 0;

  server.on("upgrade", (req, socket, head) => {
    if (!(req.url ?? "").startsWith("/gateway")) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws));
  });

  const send = (session: Session, payload: { op: number; d: unknown; t?: string }) => {
    const s = payload.op === Op.Dispatch ? ++session.seq : null;
    session.socket.send(JSON.stringify({ op: payload.op, d: payload.d, s, t: payload.t ?? null }));
  };

  const ready = (session: Session) => {
    sessionNumber += 1;
    send(session, {
      op: Op.Dispatch,
      t: "READY",
      d: {
        v: 10,
        user: { id: "1000", username: "bantin", discriminator: "0", global_name: null, avatar: null, bot: true },
        guilds: [],
        session_id: `fake-session-${sessionNumber}`,
        resume_gateway_url: url,
        shard: session.shard,
        application: { id: options.applicationId, flags: 0 },
      },
    });
  };

  wss.on("connection", (socket) => {
    const session: Session = { socket, seq: 0, identified: false, shard: [0, 1] };
    sessions.add(session);
    socket.on("close", () => sessions.delete(session));
    socket.on("message", (raw) => {
      let payload: { op?: number; d?: { token?: string; intents?: number; shard?: [number, number] } };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(4002, "Decode error");
        return;
      }
      if (payload.op === Op.Heartbeat) send(session, { op: Op.HeartbeatAck, d: null });
      else if (payload.op === Op.Resume) send(session, { op: Op.InvalidSession, d: false });
      else if (payload.op === Op.Identify) {
        const token = (payload.d?.token ?? "").replace(/^Bot /, "");
        if (token !== options.token) socket.close(AuthenticationFailed, "Authentication failed.");
        else if (((payload.d?.intents ?? 0) & PrivilegedIntents) !== 0)
          socket.close(DisallowedIntents, "Disallowed intent(s).");
        else {
          session.shard = payload.d?.shard ?? [0, 1];
          identifies.push({ intents: payload.d?.intents ?? 0, at: Date.now(), shard: session.shard });
          session.identified = true;
          ready(session);
        }
      }
    });
    send(session, { op: Op.Hello, d: { heartbeat_interval: 41_250 } });
  });

  const dispatch = (event: string, data: unknown) => {
    const guildId = (data as { guild_id?: string } | null)?.guild_id;
    for (const session of sessions) {
      if (!session.identified) continue;
      const [id, count] = session.shard;
      if (count > 1 && id !== (guildId === undefined ? 0 : shardOfGuild(guildId, count))) continue;
      send(session, { op: Op.Dispatch, t: event, d: data });
    }
  };

  return {
    url,
    identifies,
    sessions: () => [...sessions].filter((s) => s.identified).length,
    openShards: () =>
      [...sessions]
        .filter((s) => s.identified)
        .map((s) => s.shard[0])
        .sort((x, y) => x - y),
    dispatch,
    interact: (spec, where = { guild: true }) => {
      interactionNumber += 1;
      const ids = {
        id: String(1_310_000_000_000_000_000n + BigInt(interactionNumber)),
        token: `fake-interaction-token-${interactionNumber}`,
      };
      dispatch("INTERACTION_CREATE", fakeInteraction(spec, where, { ...ids, applicationId: options.applicationId }));
      return ids;
    },
    close: async () => {
      for (const session of sessions) session.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
