import { describe, expect, it } from "vitest";
import { foldDiacritics, normalizeText, normalizeVietnamese } from "../../src/text/index.js";

describe("foldDiacritics", () => {
  it("folds Vietnamese in either tone-mark style, NFC or NFD, to one key", () => {
    const keys = ["Hòa bình", "Hoà bình", "Ho\u0061\u0300 bi\u0300nh", "HOÀ BÌNH", "hoa binh"].map(foldDiacritics);
    expect(new Set(keys)).toEqual(new Set(["hoa binh"]));
    expect(foldDiacritics("Triều Tiên, Đà Nẵng")).toBe("trieu tien, da nang");
  });

  it("folds other scripts as before: Greek final sigma, dotted İ, Hangul as NFD jamo", () => {
    expect(foldDiacritics("ΟΔΟΣ Άρης")).toBe("οδος αρης");
    expect(foldDiacritics("İstanbul Ğ")).toBe("istanbul g");
    expect(foldDiacritics("북한 Triều")).toBe("북한 trieu".normalize("NFD"));
    expect(foldDiacritics("Seoul")).toBe("seoul");
  });
});

describe("normalizeText", () => {
  it("NFC, invisible characters out, whitespace collapsed; the outlet's tone-mark style kept", () => {
    expect(normalizeText(" Hòa\u200b  bình\n\tTHỦY ")).toBe("Hòa bình THỦY");
    expect(normalizeText(" Hoà bình ")).toBe("Hoà bình");
    expect(normalizeText("Ho\u0061\u0300 bi\u0300nh")).toBe("Hoà bình");
    expect(normalizeText("plain ASCII  text")).toBe("plain ASCII text");
  });
});

describe("normalizeVietnamese (the comparison form)", () => {
  it("maps either tone-mark style, NFC or NFD, to one string", () => {
    expect(normalizeVietnamese("Ho\u0061\u0300")).toBe("Hoà");
    expect(normalizeVietnamese("Hòa bình THỦY")).toBe("Hoà bình THUỶ");
    expect(normalizeVietnamese("hoàn thủy")).toBe("hoàn thuỷ");
  });
});
