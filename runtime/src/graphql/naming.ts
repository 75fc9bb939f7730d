/**
 * Query field names as graph-node derives them (graph-node `graph/src/schema/api.rs`, which
 * uses the Rust `Inflector` crate's `to_plural` and `to_camel_case`).
 */
import { camelCase } from "../schema/model.ts";

/** Inflector's uncountable words; matched exactly and lowercase, so rarely for type names. */
const UNCOUNTABLE = new Set(
  (
    "accommodation adulthood advertising advice aggression aid air aircraft alcohol anger applause arithmetic " +
    "assistance athletics bacon baggage beef biology blood botany bread butter carbon cardboard cash chalk chaos " +
    "chess crossroads countryside dancing deer dignity dirt dust economics education electricity engineering " +
    "enjoyment envy equipment ethics evidence evolution fame fiction flour flu food fuel fun furniture gallows " +
    "garbage garlic genetics gold golf gossip grammar gratitude grief guilt gymnastics happiness hardware harm " +
    "hate hatred health heat help homework honesty honey hospitality housework humour hunger hydrogen ice " +
    "importance inflation information innocence iron irony jam jewelry judo karate knowledge lack laughter lava " +
    "leather leisure lightning linguine linguini literature litter livestock logic loneliness luck luggage " +
    "macaroni machinery magic management mankind marble mathematics mayonnaise measles methane milk money mud " +
    "music mumps nature news nitrogen nonsense nurture nutrition obedience obesity oxygen pasta patience physics " +
    "poetry pollution poverty pride psychology publicity punctuation quartz racism relaxation reliability " +
    "research respect revenge rice rubbish rum safety scenery seafood seaside series shame sheep shopping " +
    "sleep smoke smoking snow soap software soil spaghetti species steam stuff stupidity sunshine symmetry " +
    "tennis thirst thunder timber traffic transportation trust underwear unemployment unity validity veal " +
    "vegetation vegetarianism vengeance violence vitality warmth wealth weather welfare wheat wildlife wisdom " +
    "yoga zinc zoology"
  ).split(" "),
);

const IRREGULAR: Record<string, string> = {
  ox: "oxen",
  man: "men",
  woman: "women",
  die: "dice",
  yes: "yeses",
  foot: "feet",
  eave: "eaves",
  goose: "geese",
  tooth: "teeth",
  quiz: "quizzes",
};

/** Inflector's plural rules in declaration order; they are tried last to first. */
const RULES: [RegExp, string][] = [
  [/^(\w*)s$/, "s"],
  [/^(\w*([^aeiou]ese))$/, ""],
  [/^(\w*(ax|test))is$/, "es"],
  [/^(\w*(alias|[^aou]us|tlas|gas|ris))$/, "es"],
  [/^(\w*(e[mn]u))s?$/, "s"],
  [/^(\w*([^l]ias|[aeiou]las|[emjzr]as|[iu]am))$/, ""],
  [/^(\w*(alumn|syllab|octop|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat))(?:us|i)$/, "i"],
  [/^(\w*(alumn|alg|vertebr))(?:a|ae)$/, "ae"],
  [/^(\w*(seraph|cherub))(?:im)?$/, "im"],
  [/^(\w*(her|at|gr))o$/, "oes"],
  [
    /^(\w*(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor))(?:a|um)$/,
    "a",
  ],
  [
    /^(\w*(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat))(?:a|on)$/,
    "a",
  ],
  [/^(\w*)sis$/, "ses"],
  [/^(\w*(kni|wi|li))fe$/, "ves"],
  [/^(\w*(ar|l|ea|eo|oa|hoo))f$/, "ves"],
  [/^(\w*([^aeiouy]|qu))y$/, "ies"],
  [/^(\w*([^ch][ieo][ln]))ey$/, "ies"],
  [/^(\w*(x|ch|ss|sh|zz)es)$/, ""],
  [/^(\w*(x|ch|ss|sh|zz))$/, "es"],
  [/^(\w*(matr|cod|mur|sil|vert|ind|append))(?:ix|ex)$/, "ices"],
  [/^(\w*(m|l)(?:ice|ouse))$/, "ice"],
  [/^(\w*(pe)(?:rson|ople))$/, "ople"],
  [/^(\w*(child))(?:ren)?$/, "ren"],
  [/^(\w*eaux)$/, ""],
];

/** Inflector `to_plural`, case-sensitive as graph-node applies it to type names. */
export function plural(s: string): string {
  if (UNCOUNTABLE.has(s)) return s;
  if (IRREGULAR[s]) return IRREGULAR[s];
  for (let i = RULES.length - 1; i >= 0; i--) {
    const m = RULES[i][0].exec(s);
    if (m) return m[1] + RULES[i][1];
  }
  return s + "s";
}

/** The single-entity query field: `SongStat` → `songStat`. */
export function singularField(typeName: string): string {
  return camelCase(typeName);
}

/** The collection query field: `SongStat` → `songStats`, `Stats` → `stats_collection`. */
export function pluralField(typeName: string): string {
  const singular = singularField(typeName);
  const p = camelCase(plural(typeName));
  return p === singular ? `${singular}_collection` : p;
}
