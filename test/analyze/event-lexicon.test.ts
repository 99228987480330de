import { describe, expect, it } from "vitest";
import { clusterItems } from "../../src/analyze/cluster-items.js";
import { addFacts, contradicts, emptyFacts } from "../../src/analyze/event-contradiction.js";
import { createEventLexicon } from "../../src/analyze/event-lexicon.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import { seedLeads } from "../fixtures/labelled/labelled-sets.js";

const lexicon = createEventLexicon(loadLexicon());
const terms = (lead: string, lang?: "vi" | "en") => lexicon.features({ title: "", lead, text: "", lang });
const lexiconTerms = (lead: string, lang?: "vi" | "en") =>
  [...terms(lead, lang).keys()].filter((t) => /^[erg]:/.test(t)).sort();

describe("the lexicon as clustering reads it", () => {
  it("gives a place, a weapon and an action one term in both languages", () => {
    expect(lexiconTerms("Bình Nhưỡng phản đối", "vi")).toEqual(lexiconTerms("Pyongyang opposes", "en"));
    expect(lexiconTerms("đàm phán tại Stockholm", "vi")).toContain("e:stockholm");
    expect(lexiconTerms("Triều Tiên phóng tên lửa đạn đạo xuyên lục địa Hwasong-19", "vi")).toEqual(
      lexiconTerms("North Korea fires Hwasong-19 intercontinental ballistic missile", "en"),
    );
  });

  it("reads a title and the full name it overlaps as one mention, leaving none of the name over as words", () => {
    const words = (lead: string, lang: "vi" | "en") =>
      [...terms(lead, lang).keys()].filter((t) => /^[ub]:/.test(t)).sort();
    expect(words("President Moon Jae-in arrives", "en")).toEqual(words("Moon Jae-in arrives", "en"));
    expect(words("Chủ tịch Kim Jong Un thị sát", "vi")).toEqual(words("Kim Jong Un thị sát", "vi"));
    expect(lexiconTerms("President Moon Jae-in arrives", "en")).toEqual(lexiconTerms("Moon Jae-in arrives", "en"));
  });

  it("bridges how each language tells a veto, a launch's end and a border campaign", () => {
    expect(lexiconTerms("Nga phủ quyết gia hạn nhóm chuyên gia", "vi")).toEqual(
      expect.arrayContaining(["g:veto", "g:extend"]),
    );
    expect(lexiconTerms("Russia vetoes extension of the panel", "en")).toEqual(
      expect.arrayContaining(["g:veto", "g:extend"]),
    );
    expect(lexiconTerms("tên lửa phát nổ ngoài vùng đặc quyền kinh tế", "vi")).toEqual(
      lexiconTerms("missile exploded outside the exclusive economic zone", "en"),
    );
    expect(lexiconTerms("Triều Tiên ngừng phát tiếng ồn", "vi")).toContain("g:noise");
    expect(lexiconTerms("North Korea halts noise broadcasts", "en")).toContain("g:noise");
    // Balloons fly too: no "fly" that would join the trash balloons to a launch of that week.
    expect(lexiconTerms("Triều Tiên thả bóng bay chở rác", "vi")).not.toContain("g:fly");
  });

  it("bridges how each language tells a flight, a first, a failure and a press conference", () => {
    const shared = (vi: string, en: string) => {
      const e = new Set(lexiconTerms(en, "en"));
      return lexiconTerms(vi, "vi").filter((t) => e.has(t));
    };
    expect(shared("tên lửa tầm xa bay 74 phút", "the long-range missile flew for 74 minutes")).toEqual(
      expect.arrayContaining(["g:long-range", "g:minutes"]),
    );
    expect(shared("lần đầu tiên phóng thất bại", "its first launch failed")).toEqual(
      expect.arrayContaining(["g:first", "g:fail"]),
    );
    expect(shared("Bộ Ngoại giao họp báo", "the foreign ministry told a press conference")).toContain(
      "g:press-conference",
    );
    expect(shared("cư dân được sơ tán khỏi lãnh thổ", "residents evacuated from the territory")).toEqual(
      expect.arrayContaining(["g:residents", "g:territory"]),
    );
    expect(shared("ông Kim rời Hà Nội bằng tàu hỏa", "Kim leaves Vietnam by train")).toContain("g:depart");
  });

  it("tells words apart by their diacritics where folding would make them one", () => {
    expect(lexiconTerms("Triều Tiên phóng vệ tinh", "vi")).toEqual(
      lexiconTerms("North Korea launches satellite", "en"),
    );
    expect(lexiconTerms("Hai bên trao đổi về tình hình bán đảo", "vi")).not.toContain("g:satellite");
    expect(lexiconTerms("Triều Tiên phóng thử tên lửa", "vi")).toContain("g:launch");
    expect(lexiconTerms("hệ thống phòng thủ tên lửa", "vi")).not.toContain("g:launch");
    expect(lexiconTerms("Mỹ dỡ bỏ trừng phạt", "vi")).toContain("g:lift");
    expect(terms("Hai bên trao đổi về tình hình bán đảo", "vi").core?.says.has("satellite")).toBe(false);
  });

  it("tells reports apart by the places they name, but not a venue from the place it lies in, an island from the border line it lies by, nor where a launch flew from from where it came down", () => {
    const title = (t: string, lang: "vi" | "en") => lexicon.features({ title: t, lead: "", text: "", lang }).core;
    const apart = (a: string, b: string, lang: "vi" | "en" = "en") => {
      const event = emptyFacts();
      addFacts(event, title(a, lang));
      return contradicts(title(b, lang), event, 2);
    };
    expect(apart("Moon and Kim meet at Peace House", "Moon and Kim meet at Panmunjom")).toBe(false);
    expect(apart("Trump and Kim meet at the Capella hotel", "Trump and Kim meet in Singapore")).toBe(false);
    expect(apart("Putin and Kim meet on Russky Island", "Putin and Kim meet in Vladivostok")).toBe(false);
    expect(apart("Triều Tiên bắn đạn pháo gần đảo Yeonpyeong", "Triều Tiên bắn pháo gần NLL", "vi")).toBe(false);
    // Two venues, two places: two events.
    expect(apart("Putin and Kim meet in Vladivostok", "Putin and Kim meet at Vostochny Cosmodrome")).toBe(true);
    expect(apart("Moon and Kim meet at Panmunjom", "Trump and Kim meet in Singapore")).toBe(true);
    // A launch is told from where it flew and where it came down: one launch.
    expect(apart("North Korea fires ballistic missile from Wonsan", "North Korean missile lands off Hokkaido")).toBe(
      false,
    );
    expect(apart("North Korea fires ballistic missile from Wonsan", "Putin and Kim meet in Vladivostok")).toBe(true);
  });

  it("bridges the names Vietnamese outlets write their own way: Chinese in Sino-Vietnamese, Korean cities", () => {
    for (const [text, lang] of [
      ["Ngoại trưởng Tần Cương và Thủ tướng Lý Khắc Cường", "vi"],
      ["Foreign Minister Qin Gang and Premier Li Keqiang", "en"],
    ] as const)
      expect(lexiconTerms(text, lang)).toEqual(expect.arrayContaining(["e:qin-gang", "e:li-keqiang"]));
    expect(lexiconTerms("tên lửa phóng từ Hàm Hưng", "vi")).toContain("e:hamhung");
    expect(lexiconTerms("the missile was fired from Hamhung", "en")).toContain("e:hamhung");
  });

  it("reads a region named with 'Mỹ' as that region, not the United States, nor a square named after a man as the man", () => {
    const countries = (lead: string) => [...(terms(lead, "vi").core?.countries ?? [])];
    expect(lexiconTerms("chính sách của Seoul ở Mỹ Latinh", "vi")).toEqual(["g:latin-america", "r:seoul"]);
    expect(countries("Hàn Quốc mở rộng quan hệ với Mỹ Latinh")).toEqual(["south-korea"]);
    expect(countries("Hàn Quốc và Mỹ nhất trí")).toEqual(["south-korea", "united-states"]);
    expect(lexiconTerms("Duyệt binh tại Quảng trường Kim Il Sung", "vi")).not.toContain("e:kim-il-sung");
  });

  it("knows Vietnam's leaders of the years its sets cover as Vietnam's", () => {
    const countries = (lead: string) => [...(terms(lead, "vi").core?.countries ?? [])];
    expect(countries("Chủ tịch nước Trần Đại Quang chủ trì lễ đón Tổng thống Trump")).toEqual([
      "vietnam",
      "united-states",
    ]);
    expect(countries("Bộ trưởng Phạm Bình Minh hội đàm")).toEqual(["vietnam"]);
  });

  it("gives two different US envoys two terms, and two reports naming missiles only a term that anchors nothing", () => {
    const sungKim = lexiconTerms("Đặc phái viên Sung Kim", "vi").filter((t) => t.startsWith("e:"));
    const lambert = lexiconTerms("Đặc phái viên Mark Lambert", "vi").filter((t) => t.startsWith("e:"));
    expect(sungKim).toHaveLength(1);
    expect(lambert).toHaveLength(1);
    expect(sungKim).not.toEqual(lambert);
    expect(lexiconTerms("Triều Tiên phóng tên lửa đạn đạo").filter((t) => t.startsWith("e:"))).toEqual([]);
  });

  it("reads a president's name as one recurring term, no evidence of which event; Jo Chol-su is evidence", () => {
    const t = terms("Tổng thống Joe Biden gặp ông Jo Chol-su");
    expect(t.get("r:joe-biden")).toBeGreaterThan(0);
    expect([...t.keys()].some((k) => k.startsWith("e:") && k.includes("biden"))).toBe(false);
    expect(t.get("e:jo-chol-su")).toBeGreaterThan(0);
  });

  it("reads each report with its own language's spellings: an English word that is a Vietnamese syllable stays English", () => {
    const ban = createEventLexicon([{ id: "ban", kind: "action", role: "generic", vi: ["cấm"], en: ["ban", "bans"] }]);
    const read = (lead: string, lang: "vi" | "en") => [...ban.features({ title: "", lead, text: "", lang }).keys()];
    expect(read("Chính phủ ban hành nghị định mới", "vi")).not.toContain("g:ban");
    expect(read("Seoul bans leaflets", "en")).toContain("g:ban");
    expect(read("Hàn Quốc cấm rải truyền đơn", "vi")).toContain("g:ban");
    expect(lexiconTerms("US imposes sanctions", "en")).toContain("r:united-states");
    expect(lexiconTerms("Mỹ áp đặt trừng phạt", "vi")).toContain("r:united-states");
  });

  it("keeps apart seed stories that share only a leader's name or the topic's vocabulary", () => {
    const r = clusterItems(
      seedLeads().map((i) => i.article),
      { lexicon },
    ).eventOf;
    // Trump on 2018 summit preparations is not the 2019 Stockholm talks (one mentions a Trump–Kim summit).
    expect(r.get("s000-28")).not.toBe(r.get("s000-22"));
    // A missile launch and a trilateral statement share only "bán đảo Triều Tiên".
    expect(r.get("s000-06")).not.toBe(r.get("s003-04"));
    // ...while the reports of the Stockholm talks still meet, the long one too: its lead opens on
    // the talks, and its later sentences (the SLBM launch, a Trump–Kim summit) weigh less.
    expect(new Set(["s000-22", "s000-23", "s000-25", "s000-26"].map((id) => r.get(id))).size).toBe(1);
    // s000-24 dates its statement "5/9", a month before the talks (a slip in the source): a report
    // that states another date is kept apart, as two launches a month apart must be.
    expect(r.get("s000-24")).not.toBe(r.get("s000-23"));
  });

  it("a government's answer to an event joins it: who reacts is no party to the event", () => {
    const at = (iso: string) => Date.parse(iso);
    const items = [
      {
        id: "veto-en",
        title: "China, Russia veto U.S. push for more U.N. sanctions on North Korea",
        lead: "China and Russia vetoed a U.S.-led push at the United Nations on Thursday to impose more sanctions on North Korea over its renewed ballistic missile launches.",
        publishedAt: at("2022-05-26T21:40:00Z"),
        lang: "en" as const,
      },
      {
        id: "veto-vi",
        title: "Trung Quốc, Nga phủ quyết nghị quyết trừng phạt mới đối với Triều Tiên",
        lead: "Trung Quốc và Nga ngày 26/5 phủ quyết dự thảo nghị quyết của Mỹ tại Hội đồng Bảo an Liên Hợp Quốc nhằm tăng trừng phạt Triều Tiên.",
        publishedAt: at("2022-05-27T01:10:00Z"),
        lang: "vi" as const,
      },
      {
        id: "seoul",
        title: "Seoul voices regret over UNSC failure to adopt N. Korea resolution",
        lead: "South Korea's foreign ministry expressed deep regret Friday that the UN Security Council failed to adopt a new resolution on North Korea.",
        publishedAt: at("2022-05-27T05:30:00Z"),
        lang: "en" as const,
      },
    ].map((i) => ({ ...i, text: "" }));
    const r = clusterItems(items, { lexicon }).eventOf;
    expect(r.get("seoul")).toBe(r.get("veto-en"));
    expect(r.get("veto-vi")).toBe(r.get("veto-en"));
    // Who answers is no party; the one country a title names is the deed's.
    const countries = (title: string) => [
      ...(lexicon.features({ title, lead: "", text: "", lang: "en" }).core?.countries ?? []),
    ];
    expect(countries("Japan protests North Korea's missile launch")).toEqual(["north-korea"]);
    expect(countries("Guterres condemns North Korea's missile launch")).toEqual(["north-korea"]);
    // The measure a reaction answers is the deed's country's, not the answer's.
    const says = [
      ...(lexicon.features({ title: "Nhật Bản phản đối việc Hàn Quốc rút khỏi GSOMIA", lead: "", text: "", lang: "vi" })
        .core?.says ?? []),
    ];
    expect(says).toEqual(["by:south-korea"]);
  });

  it("reads a country that issues a statement as its author, and 'the North Korea issue' as a topic", () => {
    const countries = (title: string) => [
      ...(lexicon.features({ title, lead: "", text: "", lang: "en" }).core?.countries ?? []),
    ];
    expect(countries("Nuclear Weapons Institute of DPRK Issues Statement on Dismantlement")).toEqual(["north-korea"]);
    expect(countries("South Korea, China discuss North Korea issues in Beijing")).toEqual(["south-korea", "china"]);
  });
});
