import type { DeliverySender } from "../../delivery/outbox-relay.js";

/**
 * The outbox relay's sender for the console chat: a scheduled briefing or alert part (plain
 * text, as rendered for the console) is printed like any reply. Printing cannot fail, so
 * every row is sent exactly once.
 */
export function createConsoleDeliverySender(output: (text: string) => void): DeliverySender {
  return {
    async send(row) {
      output(`${row.payload.trimEnd()}\n\n`);
      return { kind: "sent", messageId: `console-${row.id}` };
    },
  };
}
