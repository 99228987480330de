import type { Lexicon } from "../analyze/lexicon.js";
import { type Topic, topicId } from "../domain/index.js";

/** The subscribable topics of config/topics.yaml as the chat commands see them (no lexicon). */
export function chatTopics(lexicon: Lexicon): Topic[] {
  return lexicon.topics.map((t) => ({
    id: topicId(t.id),
    label: t.label,
    description: t.description,
    weight: t.weight,
  }));
}
