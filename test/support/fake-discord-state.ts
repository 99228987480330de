import type { FakeChannel } from "./fake-discord-channels.js";
import type { ChannelError, OddAnswer, ScriptedFailure } from "./fake-discord-scripts.js";

/** A message the fake accepted: what a user in the channel would see. */
export interface FakeMessage {
  readonly id: string;
  readonly channelId: string;
  readonly content: string;
  readonly embeds: readonly Record<string, unknown>[];
  readonly nonce: string | undefined;
  /** How many times a PATCH changed it. */
  readonly edits?: number | undefined;
}

export interface RecordedRequest {
  readonly method: string;
  /** The route after `/api/v10`, e.g. `/channels/1/messages`. */
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
}

export interface InteractionCallback {
  readonly interactionId: string;
  readonly token: string;
  readonly body: { readonly type: number; readonly data?: Record<string, unknown> };
}

export interface FollowUp {
  readonly applicationId: string;
  readonly token: string;
  readonly method: string;
  readonly body: Record<string, unknown>;
}

/** Everything the fake Discord remembers, shared by its routes and the test's controls. */
export interface DiscordState {
  readonly token: string;
  readonly messages: FakeMessage[];
  readonly byNonce: Map<string, FakeMessage>;
  readonly requests: RecordedRequest[];
  /** Registered application commands: key `global` or `guild:<id>`, value the last PUT body. */
  readonly commands: Map<string, Record<string, unknown>[]>;
  readonly interactionCallbacks: InteractionCallback[];
  readonly followUps: FollowUp[];
  readonly scripted: { failure: ScriptedFailure; channelId: string | undefined }[];
  readonly refused: Map<string, ChannelError>;
  readonly oddRoutes: Map<string, { readonly pattern: RegExp; readonly answer: OddAnswer }>;
  /** Forums, threads and forum posts by id; any other channel id is a plain text channel. */
  readonly channels: Map<string, FakeChannel>;
  readonly snowflake: () => string;
}

export function createDiscordState(token: string): DiscordState {
  let nextId = 1_300_000_000_000_000_000n;
  return {
    token,
    messages: [],
    byNonce: new Map(),
    requests: [],
    commands: new Map(),
    interactionCallbacks: [],
    followUps: [],
    scripted: [],
    refused: new Map(),
    oddRoutes: new Map(),
    channels: new Map(),
    snowflake: () => String(nextId++),
  };
}

/** The next scripted failure for a post to `channelId` (or to any channel), taken off the script. */
export function takeScripted(state: DiscordState, channelId: string): ScriptedFailure | undefined {
  const i = state.scripted.findIndex((s) => s.channelId === undefined || s.channelId === channelId);
  return i === -1 ? undefined : state.scripted.splice(i, 1)[0]?.failure;
}

/** Stores a posted message (and its nonce, for `enforce_nonce`). */
export function storeMessage(
  state: DiscordState,
  channelId: string,
  body: Record<string, unknown>,
  id = state.snowflake(),
): FakeMessage {
  const nonce = body.nonce === undefined ? undefined : String(body.nonce);
  const message: FakeMessage = {
    id,
    channelId,
    content: typeof body.content === "string" ? body.content : "",
    embeds: Array.isArray(body.embeds) ? (body.embeds as Record<string, unknown>[]) : [],
    nonce,
  };
  state.messages.push(message);
  if (nonce !== undefined) state.byNonce.set(nonce, message);
  return message;
}
