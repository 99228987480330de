import type { Lang } from "../../domain/index.js";
import type { UnsupportedInteraction } from "./interaction-input.js";

/**
 * The private answer to an interaction Bantin has no use for. Without one the member sees
 * Discord's "This interaction failed" after 3 s, which reads as a broken bot. Said in the
 * member's Discord language: nothing else is known about a stray button press.
 */
const ANSWERS: Readonly<Record<UnsupportedInteraction, Readonly<Record<Lang, string>>>> = {
  component: {
    vi: "Nút hoặc menu này không còn dùng được. Gõ /help để xem các lệnh.",
    en: "This button or menu is no longer in use. Type /help to see the commands.",
  },
  modal: {
    vi: "Biểu mẫu này không còn dùng được. Gõ /help để xem các lệnh.",
    en: "This form is no longer in use. Type /help to see the commands.",
  },
  "app-command": {
    vi: "Bantin chỉ dùng lệnh gạch chéo. Gõ /help để xem các lệnh.",
    en: "Bantin only has slash commands. Type /help to see them.",
  },
};

export const unsupportedAnswer = (what: UnsupportedInteraction, lang: Lang): string => ANSWERS[what][lang];
