import { describe, expect, it } from "vitest";
import {
  launchSaid,
  reportStatements,
  type Statement,
  statementsIn,
  tellsReaction,
} from "../../src/analyze/event-statements.js";
import { foldedSyllables } from "../../src/text/tokens.js";

const says = (text: string) => statementsIn(foldedSyllables(text).join(" "));

describe("what a title says happened", () => {
  it("a summit called off, or going ahead, in either language", () => {
    expect(says("Trump calls off Singapore summit with Kim")).toContain("cancelled");
    expect(says("Trump hủy hội nghị thượng đỉnh với Kim Jong-un")).toContain("cancelled");
    expect(says("Thượng đỉnh Mỹ - Triều bị hủy")).toContain("cancelled");
    expect(says("Trump says summit with Kim back on for June 12")).toContain("on");
    expect(says("Thượng đỉnh Mỹ - Triều diễn ra như kế hoạch tại Singapore")).toContain("on");
  });

  it("does not read a cancellation into words that fold like 'hủy'", () => {
    // "chỉ huy" (command), "phát huy" (promote), "huy động" (mobilise) fold to "huy".
    expect(says("Kim Jong-un chỉ huy cuộc tập trận pháo binh")).not.toContain("cancelled");
    expect(says("Hàn Quốc huy động lực lượng sau vụ phóng")).not.toContain("cancelled");
  });

  it("a nuclear test carried out, or a test site blown up", () => {
    expect(says("North Korea conducts sixth nuclear test")).toContain("tested");
    expect(says("Triều Tiên tuyên bố thử hạt nhân lần thứ sáu")).toContain("tested");
    expect(says("N. Korea dismantles nuclear test site")).toEqual(expect.arrayContaining(["dismantled"]));
    expect(says("N. Korea dismantles nuclear test site")).not.toContain("tested");
    expect(says("Triều Tiên cho nổ tung bãi thử hạt nhân Punggye-ri")).toContain("dismantled");
    // The site named, nothing done to it: neither.
    expect(says("Hình ảnh vệ tinh cho thấy hoạt động tại bãi thử hạt nhân Punggye-ri")).not.toContain("tested");
    expect(says("Satellite images show activity at nuclear test site")).not.toContain("tested");
  });

  it("a demolition pledged at talks is no demolition", () => {
    expect(says("North Korea's Kim agrees to dismantle missile site")).not.toContain("dismantled");
    expect(says("N. Korea to dismantle Dongchang-ri missile site")).not.toContain("dismantled");
    expect(says("Kim Jong-un agreed to permanently dismantle the engine test site")).not.toContain("dismantled");
    expect(says("Triều Tiên cam kết phá hủy hoàn toàn bãi thử động cơ tên lửa")).not.toContain("dismantled");
    // Begun is done: the dismantling is under way.
    expect(says("North Korea begins to dismantle Sohae launch pad")).toContain("dismantled");
  });

  it("a missile site, base or launch pad is no missile or launch", () => {
    expect(says("Kim agrees to close missile engine test site")).not.toContain("missile");
    expect(says("Hai bên thảo luận về bãi thử tên lửa Sohae")).not.toContain("missile");
    expect(says("North Korea dismantles launch pad at Sohae")).not.toContain("launch");
    expect(says("N. Korea fires ballistic missile into East Sea")).toContain("missile");
  });

  it("missiles in a threat, a plan or a warhead are no launch, unless the text says one was fired", () => {
    expect(says("North Korea says it is considering missile strike on U.S. territory of Guam")).not.toContain(
      "missile",
    );
    expect(
      says("Pyongyang had produced a miniaturized nuclear warhead that can fit inside its missiles"),
    ).not.toContain("missile");
    expect(says("Triều Tiên dọa tấn công Guam bằng tên lửa")).not.toContain("missile");
    expect(says("North Korea fires missiles simulating nuclear strike on South")).toContain("missile");
    expect(says("Triều Tiên phóng tên lửa mô phỏng tấn công hạt nhân")).toContain("missile");
    // "fire and fury" fires nothing.
    expect(says("Trump warns of fire and fury after report on missile warheads")).not.toContain("missile");
    // A strike drill fires: rocket launchers and guided weapons are launched as missiles are.
    expect(says("Kim Jong Un oversees 'strike drill' of long-range rocket launchers, tactical weapons")).toContain(
      "missile",
    );
    expect(says("Ông Kim Jong Un chỉ đạo diễn tập bắn pháo phản lực cỡ lớn")).toContain("missile");
  });

  it("a lead's talks are the background of a title's launch; a meeting it names is still news", () => {
    const report = (title: string, lead: string) => [...reportStatements(says(title), says(lead))];
    expect(
      report(
        "North Korea fires suspected ballistic missile in first launch of 2022",
        "North Korea fired a suspected ballistic missile on Wednesday, amid stalled talks with the United States",
      ),
    ).toEqual(["missile"]);
    expect(report("Moon, Kim hold surprise summit", "the leaders met for talks at Panmunjom")).toContain("talks");
    expect(
      report(
        "N. Korea fires missile into East Sea",
        "Yoon convened a National Security Council meeting after the launch",
      ),
    ).toContain("meeting");
  });

  it("a programme is no launch, projectiles are, and the Council's resolutions are no meeting of it", () => {
    expect(says("Hai bên quan ngại về chương trình hạt nhân và tên lửa đạn đạo của Triều Tiên")).not.toContain(
      "missile",
    );
    expect(says("concern over North Korea's nuclear and missile programmes")).not.toContain("missile");
    expect(says("North Korea fires several short-range projectiles")).toContain("missile");
    expect(says("Triều Tiên phóng loạt vật thể bay tầm ngắn")).toContain("missile");
    expect(says("nhất trí thực thi đầy đủ các nghị quyết liên quan của Hội đồng Bảo an")).not.toContain("meeting");
    expect(says("to fully implement U.N. Security Council resolutions")).not.toContain("meeting");
    expect(says("Hội đồng Bảo an họp khẩn về vụ phóng")).toContain("meeting");
  });

  it("a launch that does not say what flew, in either language", () => {
    expect(says("Japan issues J-Alert for Okinawa after North Korea's launch")).toContain("launch");
    expect(says("Nhật Bản phát cảnh báo khẩn ở Okinawa sau vụ phóng của Triều Tiên")).toContain("launch");
    expect(says("North Korea says satellite launch failed")).not.toContain("launch");
    // Folded "phong" alone is also "phòng": the defence ministry launches nothing.
    expect(says("Bộ Quốc phòng Hàn Quốc họp báo")).not.toContain("launch");
  });

  it("a launch told as both a missile and a satellite says no kind, so it may be either's", () => {
    // Tokyo's alert calls the satellite rocket a missile: it is the satellite launch's report too.
    const kind = (...s: Statement[]) => launchSaid(new Set(s));
    expect(kind("failed", "missile", "satellite")).toBe("unsaid");
    expect(kind("missile")).toBe("missile");
    expect(kind("satellite", "failed")).toBe("satellite");
    expect(kind("missile", "satellite", "meeting")).toBeUndefined();
  });

  it("a meeting of ministers or of the Security Council", () => {
    expect(says("UN Security Council to hold emergency meeting on N. Korean launch")).toContain("meeting");
    expect(says("Hội đồng Bảo an Liên hợp quốc họp khẩn về vụ phóng tên lửa")).toContain("meeting");
    expect(says("Ba nước Mỹ, Hàn, Nhật nhóm họp, lên án chương trình tên lửa Triều Tiên")).toContain("meeting");
    // "hợp tác" (cooperation) folds to "hop tac": no meeting.
    expect(says("Hàn Quốc và Nhật Bản tăng cường hợp tác")).not.toContain("meeting");
  });

  it("a title that opens with a government's answer tells a reaction; a deed with answers after it does not", () => {
    const reacts = (text: string) => tellsReaction(foldedSyllables(text).join(" "));
    expect(reacts("Seoul voices regret over UNSC failure to adopt N. Korea resolution")).toBe(true);
    expect(reacts("South Korea's foreign ministry strongly condemns the launch")).toBe(true);
    expect(reacts("Nhật Bản phản đối mạnh mẽ vụ phóng tên lửa mới của Triều Tiên")).toBe(true);
    expect(reacts("North Korea says it put spy satellite into orbit; Seoul, Tokyo condemn launch")).toBe(false);
    expect(reacts("Trump accepts invitation to meet North Korea's Kim Jong Un")).toBe(false);
  });

  it("a government's measure in either language: halts, silences, switches off, ngừng", () => {
    const said = (text: string, actor: string) => statementsIn(foldedSyllables(text).join(" "), actor);
    expect(said("Triều Tiên ngừng phát tiếng ồn ở biên giới", "north-korea")).toContain("by:north-korea");
    expect(said("North Korea silences border noise campaign", "north-korea")).toContain("by:north-korea");
    expect(said("Seoul switches off loudspeakers", "south-korea")).toContain("by:south-korea");
    // "tạm dừng" is as often trains paused after a launch as a government's measure.
    expect(said("một số chuyến tàu tạm dừng chạy sau khi Triều Tiên phóng tên lửa", "japan")).not.toContain("by:japan");
  });

  it("an occasion the news is only timed by is not its occasion", () => {
    expect(says("North Korea fires ICBM ahead of South Korea-Japan summit")).not.toContain("talks");
    expect(says("Triều Tiên phóng ICBM trước thềm thượng đỉnh Nhật - Hàn")).not.toContain("talks");
    expect(says("Yoon, Kishida hold summit in Tokyo")).toContain("talks");
    // Nor one someone was at when it happened.
    const at = says(
      "Tên lửa Triều Tiên phóng sáng 12/7, trong lúc Tổng thống Hàn Quốc đang dự hội nghị thượng đỉnh NATO tại Lithuania",
    );
    expect(at).not.toContain("meeting");
    expect(at).toContain("missile");
    expect(says("North Korea fired a missile while Yoon was attending the NATO summit")).not.toContain("talks");
    // "Trong khi đó" (meanwhile) tells news of its own.
    expect(says("Trong khi đó, Hội đồng Bảo an họp khẩn")).toContain("meeting");
  });

  it("a proposal, or its rejection, in either language; a text telling both says neither", () => {
    expect(says("Kishida sought summit with Kim Jong Un, sister says")).toContain("offered");
    expect(says("Em gái ông Kim nói Thủ tướng Nhật đề nghị gặp thượng đỉnh")).toContain("offered");
    expect(says("North Korea says it will reject any talks with Japan")).toContain("rejected");
    expect(says("Triều Tiên bác bỏ mọi cuộc tiếp xúc với Nhật Bản")).toContain("rejected");
    const both = says("Kim Yo Jong rejects Seoul's offer of talks");
    expect(both).not.toContain("offered");
    expect(both).not.toContain("rejected");
  });
});
