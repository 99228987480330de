import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A loopback stand-in for Discord's gateway (v10, JSON encoding, no compression), enough for
 * discord.js to log in and stay connected: HELLO, heartbeat ACKs, IDENTIFY checked against the
 * bot token and answered with READY, RESUME refused with INVALID_SESSION so the client identifies
 * afresh. Dispatches (INTERACTION_CREATE …) are pushed to every identified session, with a
 * sequence number as Discord sends them.
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
}

export interface FakeGateway {
  /** The `url` GET /gateway/bot returns. */
  readonly url: string;
  /** Every accepted IDENTIFY, in order: one per login (a restart identifies again). */
  readonly identifies: readonly IdentifyRecord[];
  /** Sessions that completed IDENTIFY and are still open. */
  sessions(): number;
  /** Send a dispatch event to every identified session. */
  dispatch(event: string, data: unknown): void;
  close(): Promise<void>;
}

interface Session {
  readonly socket: WebSocket;
  seq: number;
  identified: boolean;
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
        shard: [0, 1],
        application: { id: options.applicationId, flags: 0 },
      },
    });
  };

  wss.on("connection", (socket) => {
    const session: Session = { socket, seq: 0, identified: false };
    sessions.add(session);
    socket.on("close", () => sessions.delete(session));
    socket.on("message", (raw) => {
      let payload: { op?: number; d?: { token?: string; intents?: number } };
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
          identifies.push({ intents: payload.d?.intents ?? 0, at: Date.now() });
          session.identified = true;
          ready(session);
        }
      }
    });
    send(session, { op: Op.Hello, d: { heartbeat_interval: 41_250 } });
  });

  return {
    url,
    identifies,
    sessions: () => [...sessions].filter((s) => s.identified).length,
    dispatch: (event, data) => {
      for (const session of sessions) if (session.identified) send(session, { op: Op.Dispatch, t: event, d: data });
    },
    close: async () => {
      for (const session of sessions) session.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
