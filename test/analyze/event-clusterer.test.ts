import { describe, expect, it } from "vitest";
import { clusterScore } from "../../scripts/eval/cluster.eval.js";
import { dayScore } from "../../scripts/eval/real-day.eval.js";
import { clusterItems } from "../../src/analyze/cluster-items.js";
import { createEventClusterer, DEFAULT_CLUSTER_TUNING } from "../../src/analyze/event-clusterer.js";
import { eventFeatures } from "../../src/analyze/event-features.js";
import { createEventLexicon } from "../../src/analyze/event-lexicon.js";
import { pairwiseF1 } from "../../src/analyze/pairwise-f1.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import {
  asOneDay,
  crossLanguage,
  englishPositives,
  KTLAB_PATH,
  ktlabDocs,
  realDay,
  samples,
  seedLeads,
} from "../fixtures/labelled/labelled-sets.js";

const H = 3_600_000;
const item = (id: string, title: string, lead: string, publishedAt?: number) => ({
  id,
  title,
  lead,
  text: "",
  publishedAt,
});

describe("event clustering", () => {
  it("groups two reports of one event and keeps a different event of the same day apart", () => {
    const r = clusterItems([
      item(
        "a",
        "Triều Tiên phóng tên lửa đạn đạo xuống biển Nhật Bản",
        "Quân đội Hàn Quốc cho biết Triều Tiên đã phóng tên lửa đạn đạo tầm ngắn sáng 5/10.",
        0,
      ),
      item(
        "b",
        "Hội nghị thượng đỉnh Mỹ - Hàn tại Seoul thảo luận hợp tác kinh tế",
        "Tổng thống hai nước ký tuyên bố chung về chuỗi cung ứng.",
        H,
      ),
      item(
        "c",
        "Hàn Quốc: Triều Tiên phóng tên lửa đạn đạo tầm ngắn",
        "Bình Nhưỡng phóng tên lửa đạn đạo ra biển Nhật Bản ngày 5/10, quân đội Hàn Quốc cho biết.",
        2 * H,
      ),
    ]);
    expect(r.eventOf.get("a")).toBe(r.eventOf.get("c"));
    expect(r.eventOf.get("b")).not.toBe(r.eventOf.get("a"));
    expect(r.events.map((e) => e.id)).toEqual(["e1", "e2"]);
  });

  it("keeps a launch that failed apart from one that succeeded, however alike they read, in either language", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const r = clusterItems(
      [
        item(
          "fail-vi",
          "Triều Tiên thừa nhận phóng vệ tinh do thám Malligyong-1 thất bại",
          "Tên lửa đẩy Chollima-1 mang vệ tinh Malligyong-1 rơi xuống biển sau sự cố ở tầng hai.",
          0,
        ),
        item(
          "orbit-en",
          "North Korea says it put spy satellite Malligyong-1 into orbit",
          "The Chollima-1 rocket carrying the Malligyong-1 reconnaissance satellite reached orbit, state media said.",
          H,
        ),
        item(
          "fail-en",
          "North Korea's Malligyong-1 spy satellite launch fails, rocket crashes into sea",
          "The Chollima-1 rocket carrying the Malligyong-1 satellite fell into the sea after its second stage failed.",
          2 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("fail-vi")).toBe(r.eventOf.get("fail-en"));
    expect(r.eventOf.get("orbit-en")).not.toBe(r.eventOf.get("fail-vi"));
  });

  it("does not date an event by the agreements its reports cite, nor tell a leader from his country", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const june12 = Date.UTC(2018, 5, 12, 6);
    const r = clusterItems(
      [
        item(
          "statement-en",
          "Trump, Kim sign joint statement at Singapore summit",
          "SINGAPORE, June 12 (Yonhap) -- U.S. President Donald Trump and North Korean leader Kim Jong-un signed a joint statement at the Capella Hotel on Sentosa island.",
          june12,
        ),
        item(
          "statement-vi",
          "Toàn văn Tuyên bố chung Mỹ - Triều Tiên tại Hội nghị thượng đỉnh Singapore",
          "Tuyên bố gồm 4 điểm, trong đó Triều Tiên tái khẳng định Tuyên bố Panmunjom ngày 27/4/2018 và cam kết hướng tới phi hạt nhân hóa hoàn toàn bán đảo.",
          june12 + 2 * H,
        ),
        item(
          "drills-en",
          "Trump says US will stop 'war games' with South Korea after Singapore summit",
          "President Donald Trump said after his summit with Kim Jong Un in Singapore on June 12 that the United States would halt its military exercises with South Korea.",
          june12 + 4 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("statement-vi")).toBe(r.eventOf.get("statement-en"));
    expect(r.eventOf.get("drills-en")).toBe(r.eventOf.get("statement-en"));
  });

  it("reads how a launch ended from its title, not from a lead's plan or background", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const r = clusterItems(
      [
        item(
          "fired",
          "N. Korea fires 'space launch vehicle' southward: JCS",
          "North Korea fired what it claims to be a space launch vehicle southward, after notifying Japan of a plan to put its first reconnaissance satellite into orbit.",
          0,
        ),
        item(
          "failed",
          "North Korea's spy satellite launch fails, rocket crashes into sea",
          "North Korea's attempt to put its first reconnaissance satellite into orbit failed when the rocket crashed into the sea.",
          H,
        ),
        item(
          "orbit",
          "Triều Tiên tuyên bố phóng thành công vệ tinh do thám",
          "Triều Tiên tuyên bố đã đưa vệ tinh do thám vào quỹ đạo, sau hai lần phóng thất bại hồi tháng 5 và tháng 8.",
          2 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("fired")).toBe(r.eventOf.get("failed"));
    expect(r.eventOf.get("orbit")).not.toBe(r.eventOf.get("failed"));
  });

  it("keeps a military parade apart from the leaders' talks that day, in either language", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const at = Date.UTC(2025, 8, 3, 2);
    const r = clusterItems(
      [
        item(
          "parade-en",
          "N. Korea's Kim, Xi, Putin stand together at Beijing military parade",
          "North Korean leader Kim Jong-un, Chinese President Xi Jinping and Russian President Vladimir Putin stood together at a military parade in Beijing on Wednesday.",
          at,
        ),
        item(
          "parade-vi",
          "Kim Jong-un, Putin cùng ông Tập dự duyệt binh ở Bắc Kinh",
          "Chủ tịch Triều Tiên Kim Jong-un và Tổng thống Nga Vladimir Putin cùng Chủ tịch Trung Quốc Tập Cận Bình dự lễ duyệt binh tại Bắc Kinh ngày 3/9.",
          at + H,
        ),
        item(
          "talks-en",
          "Putin invites Kim to Russia after talks in Beijing",
          "Russian President Vladimir Putin and North Korean leader Kim Jong-un held talks in Beijing on Wednesday, hours after they stood beside Xi Jinping.",
          at + 8 * H,
        ),
        item(
          "talks-vi",
          "Tổng thống Nga Putin hội đàm với Kim Jong-un tại Bắc Kinh",
          "Tổng thống Nga Vladimir Putin và Chủ tịch Triều Tiên Kim Jong-un hội đàm tại Bắc Kinh ngày 3/9.",
          at + 9 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("parade-vi")).toBe(r.eventOf.get("parade-en"));
    expect(r.eventOf.get("talks-vi")).toBe(r.eventOf.get("talks-en"));
    expect(r.eventOf.get("talks-en")).not.toBe(r.eventOf.get("parade-en"));
  });

  it("keeps a summit called off apart from the same summit back on, and a nuclear test from its site's demolition", () => {
    const lexicon = createEventLexicon(loadLexicon());
    // One busy day: each story's words are the other's (Trump, Kim, Singapore, June 12; Punggye-ri).
    const at = Date.UTC(2026, 10, 30, 1);
    const r = clusterItems(
      [
        item(
          "off-en",
          "Trump calls off June 12 summit with Kim in Singapore",
          "U.S. President Donald Trump called off his planned June 12 summit in Singapore with North Korean leader Kim Jong-un in a letter on Thursday.",
          at,
        ),
        item(
          "off-vi",
          "Ông Trump hủy cuộc gặp thượng đỉnh với ông Kim Jong-un tại Singapore",
          "Tổng thống Mỹ Donald Trump gửi thư cho nhà lãnh đạo Triều Tiên Kim Jong-un, hủy cuộc gặp dự kiến ngày 12/6 tại Singapore.",
          at + H,
        ),
        item(
          "on-en",
          "Trump says Singapore summit with Kim is back on for June 12",
          "President Donald Trump said his summit with North Korean leader Kim Jong-un will take place in Singapore on June 12 after all.",
          at + 5 * H,
        ),
        item(
          "on-vi",
          "Ông Trump: Thượng đỉnh với ông Kim Jong-un ở Singapore diễn ra như kế hoạch",
          "Tổng thống Mỹ Donald Trump cho biết cuộc gặp với nhà lãnh đạo Triều Tiên Kim Jong-un sẽ diễn ra tại Singapore ngày 12/6.",
          at + 6 * H,
        ),
        item(
          "test-en",
          "North Korea conducts nuclear test near Punggye-ri, JCS says",
          "North Korea conducted a nuclear test at its Punggye-ri site on Sunday, South Korea's Joint Chiefs of Staff said.",
          at + 2 * H,
        ),
        item(
          "site-en",
          "North Korea blows up tunnels at Punggye-ri nuclear test site",
          "North Korea blew up tunnels at its Punggye-ri nuclear test site on Thursday in front of foreign journalists.",
          at + 3 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("off-vi")).toBe(r.eventOf.get("off-en"));
    expect(r.eventOf.get("on-vi")).toBe(r.eventOf.get("on-en"));
    expect(r.eventOf.get("on-en")).not.toBe(r.eventOf.get("off-en"));
    expect(r.eventOf.get("site-en")).not.toBe(r.eventOf.get("test-en"));
  });

  describe("a launch and the reports of it told from elsewhere", () => {
    const at = Date.UTC(2024, 3, 12, 23);
    const launch = [
      item(
        "fired-en",
        "(URGENT) N. Korea fires long-range ballistic missile into East Sea: JCS",
        "North Korea fired a long-range ballistic missile into the East Sea on Friday morning, South Korea's Joint Chiefs of Staff said.",
        at,
      ),
      item(
        "fired-vi",
        "Triều Tiên phóng tên lửa đạn đạo tầm xa ra biển Nhật Bản",
        "Triều Tiên sáng nay phóng một tên lửa đạn đạo tầm xa về phía biển Nhật Bản, Hội đồng Tham mưu trưởng Liên quân Hàn Quốc cho biết.",
        at + H,
      ),
    ];
    const warning = [
      item(
        "alert-en",
        "Japan issues evacuation alert for Hokkaido after North Korean missile",
        "Japan told residents of Hokkaido to take shelter, then lifted the alert, saying the North Korean missile had not fallen on its territory.",
        at + 2 * H,
      ),
      item(
        "alert-vi",
        "Nhật Bản phát cảnh báo sơ tán ở Hokkaido vì tên lửa Triều Tiên",
        "Chính phủ Nhật Bản yêu cầu người dân đảo Hokkaido tìm nơi trú ẩn, sau đó dỡ cảnh báo vì tên lửa không rơi vào lãnh thổ.",
        at + 3 * H,
      ),
    ];
    const lexicon = createEventLexicon(loadLexicon());
    /** A real-day set clustered as one batch, as `analyze` does it. */
    const eventsOfDay = (half: "tune2" | "tune3" | "tune4" | "tune5") =>
      clusterItems(
        realDay(half).map((i) => i.article),
        { lexicon },
      ).eventOf;

    it("are one story on a day of one launch", () => {
      const r = clusterItems([...launch, ...warning], { lexicon });
      expect(r.eventOf.get("alert-en")).toBe(r.eventOf.get("fired-en"));
      expect(r.eventOf.get("alert-vi")).toBe(r.eventOf.get("fired-en"));
    });

    it("stay apart when a second launch that day could be the one they are about", () => {
      const other = [
        item(
          "sat-en",
          "North Korea says it put reconnaissance satellite into orbit",
          "North Korea said it launched a military reconnaissance satellite from its Sohae station and placed it into orbit.",
          at + 30 * 60_000,
        ),
        item(
          "sat-vi",
          "Triều Tiên tuyên bố phóng thành công vệ tinh do thám quân sự",
          "Triều Tiên tuyên bố đã phóng thành công vệ tinh do thám quân sự từ trạm Sohae.",
          at + 90 * 60_000,
        ),
      ];
      const r = clusterItems([...launch, ...other, ...warning], { lexicon });
      expect(r.eventOf.get("alert-en")).not.toBe(r.eventOf.get("fired-en"));
      expect(r.eventOf.get("alert-en")).not.toBe(r.eventOf.get("sat-en"));
    });

    const unsaid = item(
      "okinawa-en",
      "Japan lifts Okinawa alert after North Korea's launch",
      "The Japanese government lifted an evacuation order for Okinawa prefecture shortly after the North Korean launch, saying nothing had fallen on its territory.",
      at + 4 * H,
    );

    it("takes Pyongyang's confirmation in the next morning's state media, a day and some hours on", () => {
      const r = eventsOfDay("tune5");
      // The hypersonic missile of 11 January 2022: Seoul's reports that morning, KCNA's the next.
      for (const id of ["rd5-061", "rd5-062"]) expect(r.get(id)).toBe(r.get("rd5-058"));
      // The hypersonic test six days before stays its own launch.
      expect(r.get("rd5-058")).not.toBe(
        r.get(realDay("tune5").find((i) => i.event === "hypersonic-launch-jan5-2022")!.article.id),
      );
    });

    it("takes a report that does not say what flew when one launch is near", () => {
      const r = clusterItems([...launch, ...warning, unsaid], { lexicon });
      expect(r.eventOf.get("okinawa-en")).toBe(r.eventOf.get("fired-en"));
    });

    it("keeps the Security Council meeting on the launch an event of its own", () => {
      const council = [
        item(
          "unsc-en",
          "UN Security Council to hold emergency meeting on North Korean launch",
          "The U.N. Security Council will meet on Monday at the request of the United States after North Korea's latest ballistic missile launch.",
          at + 8 * H,
        ),
        item(
          "unsc-vi",
          "Hội đồng Bảo an Liên hợp quốc họp khẩn về vụ phóng tên lửa của Triều Tiên",
          "Hội đồng Bảo an Liên hợp quốc sẽ họp khẩn theo đề nghị của Mỹ sau vụ phóng tên lửa đạn đạo của Triều Tiên.",
          at + 9 * H,
        ),
      ];
      const r = clusterItems([...launch, ...warning, ...council], { lexicon });
      expect(r.eventOf.get("unsc-en")).not.toBe(r.eventOf.get("fired-en"));
      expect(r.eventOf.get("unsc-vi")).not.toBe(r.eventOf.get("fired-en"));
    });

    it("with one launch near, whatever other countries its reports name", () => {
      // tune3: the JCS report names the U.S. spy planes North Korea threatened, Tokyo's says
      // "Japan says"; neither country is a party to the launch. (Two launches near that cannot
      // be one, another day or another missile, would keep them apart: nothing says whose.)
      const eventOf = eventsOfDay("tune3");
      expect(eventOf.get("rd3-041")).toBe(eventOf.get("rd3-040"));
      // The launches of 2 and 3 November 2022, a day apart, stay two.
      expect(eventOf.get("rd3-035")).not.toBe(eventOf.get("rd3-030"));
    });

    it("stay apart from a summit that morning, and a proposal from its rejection the next day", () => {
      // tune4, 16 March 2023: the ICBM fired hours before Yoon flew to Tokyo, and the Yoon–Kishida
      // summit, share Yoon, Kishida, Japan and the day. 25–26 March 2024: Kim Yo Jong says Kishida
      // sought a summit, then that Pyongyang rejects any talks with Tokyo.
      const eventOf = eventsOfDay("tune4");
      expect(eventOf.get("rd4-028")).not.toBe(eventOf.get("rd4-022"));
      expect(eventOf.get("rd4-026")).not.toBe(eventOf.get("rd4-021"));
      expect(eventOf.get("rd4-023")).toBe(eventOf.get("rd4-022"));
      expect(eventOf.get("rd4-027")).toBe(eventOf.get("rd4-028"));
      expect(eventOf.get("rd4-058")).not.toBe(eventOf.get("rd4-054"));
      expect(eventOf.get("rd4-055")).toBe(eventOf.get("rd4-054"));
    });

    it("as a demolition: one deed of its day, however differently it is told", () => {
      // tune2: "N. Korea blows up inter-Korean roads; S. Korea fires warning shots" and "North
      // Korea blows up roads linking it to South Korea" share little beyond the deed and its day.
      const eventOf = eventsOfDay("tune2");
      expect(eventOf.get("rdd-054")).toBe(eventOf.get("rdd-053"));
      expect(eventOf.get("rdd-055")).toBe(eventOf.get("rdd-053"));
    });

    it("as two demolitions when a busy day has two, each naming what it blew up", () => {
      // The liaison office of June 2020 and the roads of October 2024, as if blown up the same day.
      const day = asOneDay(realDay("tune2"), 1, undefined, { moveTextDates: true });
      const r = clusterItems(
        day.map((i) => i.article),
        { lexicon },
      ).eventOf;
      expect(r.get("rdd-053")).not.toBe(r.get("rdd-029"));
      expect(r.get("rdd-056")).not.toBe(r.get("rdd-032"));
      expect(r.get("rdd-056")).toBe(r.get("rdd-053"));
    });

    it("as one government's measure: Seoul's loudspeakers off, then Pyongyang's noise off the next day", () => {
      // tune3: "S. Korea halts loudspeaker broadcasts" and "South Korea's new president halts
      // border propaganda broadcasts" are one measure; "Triều Tiên ngừng phát tiếng ồn" and
      // "North Korea silences border noise campaign" are the North's, a day later, another.
      const eventOf = eventsOfDay("tune3");
      expect(eventOf.get("rd3-067")).toBe(eventOf.get("rd3-066"));
      expect(eventOf.get("rd3-072")).toBe(eventOf.get("rd3-070"));
      expect(eventOf.get("rd3-071")).toBe(eventOf.get("rd3-070"));
      expect(eventOf.get("rd3-070")).not.toBe(eventOf.get("rd3-066"));
    });
  });

  it("joins a summit's reports that name different sites it discussed", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const at = Date.UTC(2018, 8, 19, 2);
    const r = clusterItems(
      [
        item(
          "declaration",
          "(LEAD) Moon, Kim sign Pyongyang declaration; N. Korea to dismantle Dongchang-ri missile site",
          "PYONGYANG, Sept. 19 (Yonhap) -- North Korean leader Kim Jong-un agreed to permanently dismantle the missile engine test site in Dongchang-ri, under a joint declaration signed with President Moon Jae-in.",
          at,
        ),
        item(
          "yongbyon",
          "North Korea's Kim agrees to dismantle missile site, offers to close Yongbyon",
          "North Korean leader Kim Jong Un agreed to dismantle a key missile facility and said he could close the Yongbyon nuclear complex, after talks with South Korean President Moon Jae-in in Pyongyang.",
          at + 3 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("yongbyon")).toBe(r.eventOf.get("declaration"));
  });

  it("keeps a missile test apart from a satellite launch of the same morning", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const r = clusterItems(
      [
        item(
          "missile",
          "North Korea fires ballistic missile, Japan issues J-Alert for Hokkaido",
          "North Korea fired a long-range ballistic missile on Thursday morning, and Japan told residents of Hokkaido to take shelter.",
          0,
        ),
        item(
          "satellite",
          "Triều Tiên phóng vệ tinh, Nhật Bản phát cảnh báo J-Alert",
          "Triều Tiên sáng nay phóng một tên lửa đẩy mang vệ tinh do thám, Nhật Bản phát cảnh báo J-Alert cho người dân.",
          H,
        ),
        item(
          "missile-vi",
          "Triều Tiên phóng tên lửa đạn đạo, Nhật cảnh báo người dân Hokkaido",
          "Triều Tiên sáng nay phóng tên lửa đạn đạo tầm xa, Nhật Bản yêu cầu người dân Hokkaido tìm nơi trú ẩn.",
          2 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("missile-vi")).toBe(r.eventOf.get("missile"));
    expect(r.eventOf.get("satellite")).not.toBe(r.eventOf.get("missile"));
  });

  it("keeps two leaders' visits to one host apart when one names the other's country as a topic", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const r = clusterItems(
      [
        item(
          "kim-vi",
          "Chủ tịch nước hội đàm với Chủ tịch Triều Tiên Kim Jong-un tại Hà Nội",
          "Chủ tịch nước Việt Nam và Chủ tịch Triều Tiên Kim Jong-un hội đàm tại Phủ Chủ tịch sáng nay.",
          0,
        ),
        item(
          "kim-en",
          "N. Korean leader Kim holds talks with Vietnamese president in Hanoi",
          "North Korean leader Kim Jong-un held talks with the Vietnamese president in Hanoi on Friday.",
          H,
        ),
        item(
          "yoon-en",
          "Yoon, Vietnamese president hold talks in Hanoi, agree on N.K. issue",
          "President Yoon Suk Yeol and the Vietnamese president held talks in Hanoi and agreed to work toward the denuclearization of North Korea.",
          2 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("kim-en")).toBe(r.eventOf.get("kim-vi"));
    expect(r.eventOf.get("yoon-en")).not.toBe(r.eventOf.get("kim-en"));
  });

  it("keeps one government's measure on a pact apart from the other's counter-measure", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const r = clusterItems(
      [
        item(
          "seoul-en",
          "S. Korea suspends part of inter-Korean military agreement",
          "South Korea suspended part of the 2018 inter-Korean military agreement and resumed surveillance flights near the border.",
          0,
        ),
        item(
          "seoul-vi",
          "Hàn Quốc đình chỉ một phần thỏa thuận quân sự liên Triều",
          "Hàn Quốc đình chỉ một phần thỏa thuận quân sự liên Triều năm 2018, nối lại các chuyến bay trinh sát gần biên giới.",
          H,
        ),
        item(
          "pyongyang-en",
          "North Korea scraps inter-Korean military agreement",
          "North Korea said it will restore all military measures halted under the 2018 inter-Korean military agreement.",
          3 * H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("seoul-vi")).toBe(r.eventOf.get("seoul-en"));
    expect(r.eventOf.get("pyongyang-en")).not.toBe(r.eventOf.get("seoul-en"));
  });

  it("reads no actor into a meeting's joint decision: a trilateral summit's reports stay one event", () => {
    const lexicon = createEventLexicon(loadLexicon());
    const r = clusterItems(
      [
        item(
          "en",
          "Korea, Japan, China hold first trilateral summit in 4 1/2 years",
          "President Yoon Suk Yeol, Japanese Prime Minister Fumio Kishida and Chinese Premier Li Qiang held their first trilateral summit in Seoul and agreed to resume regular meetings.",
          0,
        ),
        item(
          "en2",
          "China, Japan, South Korea leaders pledge to deepen trade ties at rare summit",
          "The leaders of China, Japan and South Korea agreed to resume talks on a three-way free trade deal at their first summit since 2019.",
          H,
        ),
      ],
      { lexicon },
    );
    expect(r.eventOf.get("en2")).toBe(r.eventOf.get("en"));
  });

  it("never joins items further apart than the window", () => {
    const title = "Triều Tiên phóng tên lửa đạn đạo xuống biển Nhật Bản";
    const r = clusterItems([item("a", title, title, 0), item("b", title, title, 100 * H)], { windowHours: 72 });
    expect(r.eventOf.get("a")).not.toBe(r.eventOf.get("b"));
  });

  it("gives the same output for the same input", () => {
    const items = seedLeads().map((i) => i.article);
    expect(clusterItems(items)).toEqual(clusterItems(items));
  });

  it("the incremental clusterer names new events and places later reports in them", () => {
    const c = createEventClusterer({ windowHours: 72, threshold: 0.13 }, { newEventId: (id) => `ev-${id}` });
    const f = (t: string) => eventFeatures({ title: t, lead: "", text: "" });
    expect(c.add({ id: "1", terms: f("Đàm phán hạt nhân Mỹ Triều Tiên tại Stockholm Thụy Điển") }).eventId).toBe(
      "ev-1",
    );
    expect(c.add({ id: "2", terms: f("Giá vàng hôm nay giảm mạnh") }).eventId).toBe("ev-2");
    expect(c.add({ id: "3", terms: f("Mỹ và Triều Tiên đàm phán hạt nhân ở Stockholm") }).eventId).toBe("ev-1");
    expect(c.eventOf("3")).toBe("ev-1");
  });

  it("merges two events when a later report shows they are one story, moving the earlier reports", () => {
    const c = createEventClusterer({ windowHours: 72, threshold: 0.18 }, { newEventId: (id) => `ev-${id}` });
    const f = (t: string) => eventFeatures({ title: t, lead: "", text: "" });
    const terms = [
      "Đặc phái viên Mark Lambert tới Moscow dự hội nghị",
      "Giá vàng hôm nay giảm mạnh",
      "Ông Jo Chol-su rời Bình Nhưỡng",
      "Mark Lambert gặp Jo Chol-su tại Moscow sau khi ông Jo Chol-su rời Bình Nhưỡng dự hội nghị",
    ].map(f);
    for (const t of terms) c.observe(t);
    const placed = terms.map((t, i) => c.add({ id: String(i + 1), terms: t }));
    expect(placed.slice(0, 3).map((p) => p.eventId)).toEqual(["ev-1", "ev-2", "ev-3"]);
    expect(placed[3]).toEqual({ eventId: "ev-3", absorbed: ["ev-1"] });
    expect(["1", "2", "3", "4"].map((id) => c.eventOf(id))).toEqual(["ev-3", "ev-2", "ev-3", "ev-3"]);
    // The merged event goes on as one: a later report of the envoy's trip joins it.
    expect(c.add({ id: "5", terms: f("Mark Lambert rời Moscow sau hội nghị") }).eventId).toBe("ev-3");
  });

  it("joins reports that name no one (no capitals, dates or figures) when they agree closely", () => {
    const r = clusterItems([
      item(
        "a",
        "giá xăng dầu trong nước tăng mạnh từ chiều nay",
        "liên bộ công thương tài chính điều chỉnh giá bán lẻ xăng dầu",
      ),
      item("b", "giá cà phê xuất khẩu giảm sâu", "nông dân tây nguyên lo lắng khi giá cà phê giảm sâu"),
      item(
        "c",
        "từ chiều nay giá xăng dầu trong nước tăng mạnh",
        "giá bán lẻ xăng dầu được liên bộ công thương tài chính điều chỉnh",
      ),
    ]);
    expect(r.eventOf.get("a")).toBe(r.eventOf.get("c"));
    expect(r.eventOf.get("b")).not.toBe(r.eventOf.get("a"));
  });

  it("does not join two stories on a president's name that many other stories also carry", () => {
    // s000-08 (Moon–Biden agreement) and s003-05 (Biden on strategic assets) are different events;
    // "Joe Biden" is in four other seed events by then. Read through the lexicon, a head of state
    // is a recurring concept: it bridges languages but is no evidence of which event, however
    // few events carry it.
    const items = seedLeads().map((i) => i.article);
    const lexicon = createEventLexicon(loadLexicon());
    expect(clusterItems(items, { lexicon }).eventOf.get("s000-08")).not.toBe(
      clusterItems(items, { lexicon }).eventOf.get("s003-05"),
    );
    const undamped = clusterItems(items, {
      lexicon,
      tuning: { ...DEFAULT_CLUSTER_TUNING, anchorEvents: 1000 },
    }).eventOf;
    expect(undamped.get("s000-08")).not.toBe(undamped.get("s003-05"));
  });

  it("keeps two events of one week apart when their reports date them by weekday, not by date", () => {
    // tune3: the envoys' dinner with Kim (Monday 5 March 2018) and Trump accepting the
    // invitation they carried (Thursday in Washington): the same envoy and leaders three days
    // apart, and the agencies write "on Monday", "on Thursday", not the date.
    const lexicon = createEventLexicon(loadLexicon());
    const items = realDay("tune3").filter((i) => /^(chung-envoys|trump-accepts)/.test(i.event ?? ""));
    const r = clusterItems(
      items.map((i) => i.article),
      { lexicon },
    ).eventOf;
    expect(r.get("rd3-002")).toBe(r.get("rd3-001"));
    expect(r.get("rd3-006")).not.toBe(r.get("rd3-001"));
  });

  it("weighs a lead's first sentence, where news states the event, above its background", () => {
    const f = eventFeatures({
      title: "",
      lead: "Hai bên gặp nhau tại Stockholm ngày 5/10. Trước đó, hai bên từng gặp nhau tại Singapore.",
      text: "",
    });
    expect(f.get("u:stockholm")).toBeGreaterThan(f.get("u:singapore")!);
  });

  it("pairwise F1 counts pairs", () => {
    const truth = new Map([
      ["a", "x"],
      ["b", "x"],
      ["c", "y"],
    ]);
    expect(pairwiseF1(truth, truth).f1).toBe(1);
    expect(
      pairwiseF1(
        new Map([
          ["a", "1"],
          ["b", "2"],
          ["c", "3"],
        ]),
        truth,
      ).recall,
    ).toBe(0);
  });

  // Floors a little under `npm run eval` (seeds F1 0.656, seeds + English 0.592, ktlab-dev F1 0.878,
  // ktlab-dev title + sapo 0.834). The first two were 0.861 and 0.849 before clustering read both
  // languages through the bilingual lexicon: the seeds' paraphrases ("window closing", the Biden
  // summit's two pairs) shared syllables that concepts now stand for. Measured, not hidden.
  it("holds pairwise F1 on the seed leads", () => {
    expect(clusterScore(seedLeads()).score.f1).toBeGreaterThanOrEqual(0.64);
  });

  it("holds pairwise F1 on the seed leads with the English positives", () => {
    expect(clusterScore([...seedLeads(), ...englishPositives()]).score.f1).toBeGreaterThanOrEqual(0.57);
  });

  const docs = ktlabDocs();
  it.runIf(docs !== undefined)(`holds pairwise F1 on ktlab-dev (skipped when ${KTLAB_PATH} is absent)`, () => {
    expect(clusterScore(docs!).score.f1).toBeGreaterThanOrEqual(0.86);
    expect(dayScore(ktlabDocs({ sapoOnly: true })!).f1).toBeGreaterThanOrEqual(0.79);
  });

  // A real news day: title + lead, both languages (eval: tuning half P 0.977 F1 0.927, held out
  // P 0.965 F1 0.875, cross-language pair recall 0.824; seeds with their cross-language reports
  // on one day F1 0.797, pair recall 0.878; the bundled samples F1 0.953). Precision first: a
  // mixed entry shows a reader other stories' links.
  it("holds precision and F1 on the real-day sets, and joins reports across languages", () => {
    const holds = (half: "tune" | "tune2" | "tune3" | "tune4" | "tune5" | "heldout", precision: number, f1: number) => {
      const s = dayScore(realDay(half));
      expect(s.precision, `${half} precision`).toBeGreaterThanOrEqual(precision);
      expect(s.f1, `${half} F1`).toBeGreaterThanOrEqual(f1);
    };
    holds("tune", 0.9, 0.88);
    // Stories written after the first half was tuned on: what holds there was not fitted to it.
    // (F1 0.902 until Japan's alert calling the failed satellite rocket a missile joined the launch, 0.928,
    // a demolition told two ways became one deed of its day, 0.945, and a launch's reports naming
    // other countries joined it: 0.969.)
    holds("tune2", 0.97, 0.95);
    // Its busy day mixed a called-off summit with the same summit back on (one-day P 0.779 before).
    expect(dayScore(asOneDay(realDay("tune2"), 1)).precision).toBeGreaterThanOrEqual(0.8);
    // Written after tune2; measured first at P 0.786 F1 0.681, then launches of one stated day
    // stopped being told apart by the other countries their reports name, and a government's
    // reaction stopped counting it a party (P 0.809 F1 0.748), then weekdays dated reports
    // ("on Thursday"), keeping the envoys' dinner apart from Trump's answer (P 0.94 F1 0.798),
    // dotted dates ("ngày 8.3") and measures told as one deed of their hours (P 0.98 F1 0.791),
    // the lexicon's news vocabulary (P 0.99 F1 0.838), one launch of its hours taking the
    // reports that name other countries (P 0.99 F1 0.883), the lexicon's flight words (0.897),
    // and a summit someone was at when a launch happened read as background (0.916).
    holds("tune3", 0.95, 0.9);
    // Written after tune3 had been tuned on; measured first at P 0.775 F1 0.772, then a launch
    // stopped joining the summit of its morning and a proposal its rejection (P 1.000 F1 0.900),
    // trains paused ("tạm dừng") stopped reading as Tokyo's measure (F1 0.920), a reaction's
    // measure became the deed's country's (F1 0.939), and a lone report joined the story of its
    // hours closest to it (F1 0.975).
    holds("tune4", 0.97, 0.95);
    // Written after tune4 had been tuned on; measured first at P 0.83 F1 0.751, then the lone
    // report pass (0.784), a border line and the island by it stopped being two places (0.810),
    // "Mỹ Latinh" stopped being the United States (0.815), a launch's lead stopped making it
    // talks (0.840), projectiles became a launch (0.848), the lexicon's flight words (0.836), a
    // title and the full name it overlaps one mention (0.860), state media's confirmation the next
    // morning one deed with the launch (0.884), and a strike drill of rocket launchers a launch (0.899).
    holds("tune5", 0.85, 0.88);
    // 0.790 until a lone report joined the story of its hours (0.846), then 0.875.
    holds("heldout", 0.94, 0.85);
    // On a busy day with its text's dates moved too, Seoul's end of GSOMIA and the summit that
    // restored it stopped being parts of one meeting story (tune4 one-day P 0.780 before).
    const moved = dayScore(asOneDay(realDay("tune4"), 1, undefined, { moveTextDates: true }));
    expect(moved.precision, "tune4, one busy day, dates moved").toBeGreaterThanOrEqual(0.9);
    const day = dayScore(asOneDay([...seedLeads(), ...englishPositives(), ...crossLanguage()], 1));
    expect(day.f1).toBeGreaterThanOrEqual(0.78);
    expect(day.crossRecall).toBeGreaterThanOrEqual(0.84);
    // The newcomer's first digest: 0.889 until the lexicon bridged how each language tells a
    // veto, a launch's end, a border campaign (0.917), one launch took the reports naming
    // other countries (0.935), and a lone report joined the story closest to it (0.953).
    expect(dayScore(samples()).f1).toBeGreaterThanOrEqual(0.94);
  });
});
