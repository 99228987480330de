import { loadTopics } from "../config/topics.js";
import { type Topic, topicId } from "../domain/index.js";

/** The subscribable topics of config/topics.yaml as the chat commands see them (no lexicon). */
export function loadChatTopics(path: string): Topic[] {
  return loadTopics(path).topics.map((t) => ({
    id: topicId(t.id),
    label: t.label,
    description: t.description,
    weight: t.weight,
  }));
}
