import { describe, expect, it } from "vitest";
import { applyTopicChange, type Following, followedTopics, topicId } from "../../src/domain/index.js";

const [a, b, c] = [topicId("my-trieu"), topicId("han-trieu"), topicId("hat-nhan")];
const all = [a, b, c];
const off: Following = { active: false, topics: [] };
const everything: Following = { active: true, topics: [] };

describe("a chat's topics after a topic command", () => {
  it("/subscribe alone follows everything, stored as the empty list; /unsubscribe alone turns the chat off, its list kept", () => {
    expect(applyTopicChange(off, { kind: "all" }, all)).toEqual(everything);
    expect(applyTopicChange({ active: true, topics: [a] }, { kind: "none" }, all)).toEqual({
      active: false,
      topics: [a],
    });
  });

  it("/subscribe with topics adds them to the chat's list; a chat following everything starts a list", () => {
    expect(applyTopicChange({ active: true, topics: [a] }, { kind: "follow", topics: [b] }, all)).toEqual({
      active: true,
      topics: [a, b],
    });
    expect(applyTopicChange(everything, { kind: "follow", topics: [b] }, all)).toEqual({ active: true, topics: [b] });
    // A chat that was off starts from nothing, whatever list it had.
    expect(applyTopicChange({ active: false, topics: [a] }, { kind: "follow", topics: [c] }, all)).toEqual({
      active: true,
      topics: [c],
    });
    // Following every topic one by one is following everything.
    expect(applyTopicChange({ active: true, topics: [a, b] }, { kind: "follow", topics: [c] }, all)).toEqual(
      everything,
    );
  });

  it("/unsubscribe with topics drops them from what the chat follows; dropping the last turns it off", () => {
    expect(applyTopicChange(everything, { kind: "unfollow", topics: [a] }, all)).toEqual({
      active: true,
      topics: [b, c],
    });
    expect(applyTopicChange({ active: true, topics: [a] }, { kind: "unfollow", topics: [a] }, all)).toEqual({
      active: false,
      topics: [a],
    });
  });

  it("a topic button flips one topic", () => {
    expect(applyTopicChange({ active: true, topics: [a] }, { kind: "toggle", topic: b }, all)).toEqual({
      active: true,
      topics: [a, b],
    });
    expect(applyTopicChange(everything, { kind: "toggle", topic: c }, all)).toEqual({ active: true, topics: [a, b] });
    expect(applyTopicChange(off, { kind: "toggle", topic: c }, all)).toEqual({ active: true, topics: [c] });
  });

  it("a chat receives nothing when off and every topic when its list is empty", () => {
    expect(followedTopics(undefined, all)).toEqual([]);
    expect(followedTopics({ active: false, topics: [a] }, all)).toEqual([]);
    expect(followedTopics(everything, all)).toEqual(all);
  });
});
