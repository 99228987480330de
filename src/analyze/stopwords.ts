/**
 * Folded function syllables (Vietnamese) and function words (English) that say nothing about
 * which event a text reports. Small on purpose: IDF does the rest, but a batch of three items
 * has no IDF to speak of, so the commonest words must go by list.
 */
const VI =
  "va cua la co duoc cho voi trong nay do da se dang bi tai tu den ra vao len xuong nhung cac mot hai ba bon nam " +
  "khi thi ma nen neu vi de tren duoi sau truoc giua ve theo nhu cung con chi moi rat nhieu it hon nhat nua " +
  "ngay thang nam tuan hom nay qua toi sang chieu gio luc nhan dip " +
  "ong ba anh chi em ho minh chung toi ta ai gi nao dau sao the vay nguoi " +
  "cho biet noi cho hay tuyen bo cho rang them ngoai khac tung moi nhieu hien cung cua " +
  "viec su cuoc nhung cac nhan vien ben phia phan lai van con tiep tiec khong chua phai " +
  "ngay tin bao duoc dua dua ra ky " +
  // Weekdays ("thứ Bảy") and the agencies' datelines are dates and credits, not the event.
  "bay ttxvn vna";
const EN =
  "the a an and or of to in on at for from by with as is are was were be been being it its this that these those " +
  "he she they we you i his her their our has have had do does did not no but if than then so such can could will would " +
  "shall should may might must said says say told also after before over about into out up down more most new " +
  "who whom which what when where why how all any some one two three there here just very week day monday tuesday " +
  "wednesday thursday friday saturday sunday year years " +
  // "North Korea's", and the wires' markers and datelines: "(LEAD)", "(2nd LD)", "(URGENT)", "(Yonhap) --".
  "s lead ld urgent update yonhap reuters afp xinhua tass kyodo ap focus interview";

/** Folded stopwords of both languages. */
export const STOPWORDS: ReadonlySet<string> = new Set(`${VI} ${EN}`.split(/\s+/).filter((w) => w.length > 0));

/**
 * Folded country names and the one-syllable forms Vietnamese compounds use ("Mỹ-Triều", "Trung-Nhật").
 * A country is a background actor of countless events, never the evidence that two reports tell the
 * same one, however rare it is in a small batch.
 */
const COUNTRIES =
  "my hoa ky trung quoc nhat ban han quoc trieu tien nga viet nam phap duc anh an do uc canada " +
  "thai lan lao campuchia indonesia malaysia philippines singapore myanmar dai loan mong co iran israel " +
  "ukraine thuy dien thuy si italy y tay ban nha brazil mexico ai cap thu nhi ky pakistan " +
  "trieu han trung nhat viet " +
  "us usa america american china chinese japan japanese korea korean north south russia russian vietnam " +
  "vietnamese france french germany german britain british uk india indian australia taiwan mongolia " +
  "ukraine ukrainian iran israel sweden switzerland";

/** Folded syllables of country names: a name made only of them is generic, not specific evidence. */
export const COUNTRY_SYLLABLES: ReadonlySet<string> = new Set(COUNTRIES.split(/\s+/).filter((w) => w.length > 0));
