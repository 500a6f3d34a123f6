/**
 * Support vocabulary for the theme tokeniser: multi-word names of one thing, and words that
 * carry no theme. Single words are not folded here (lemma.ts gives inflections one form); a
 * table of "synonyms" folded words that are not (credit/debit → card merged "credit score" with
 * card problems). Changing these changes future placements only: placed issues never move.
 */

/**
 * Ways of writing one thing, rewritten to one token before splitting. Each entry is a true
 * synonym set (the same feature or protocol under its common spellings), not a topic. The words
 * a rewrite replaced are kept beside the token at lower weight (tokenize.ts), so a fold never
 * erases what was written. Patterns are alternations of literals: linear time on any input.
 */
export const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:two[- ]?factor|2[- ]?fa|multi[- ]?factor|mfa|one[- ]?time (?:pass(?:word|code)|code)|otp|verification codes?|auth(?:entication)? codes?|security codes?)\b/g, ' twofactor '],
  [/\b(?:single sign[- ]?on|sso)\b/g, ' sso '],
  [/\b(?:log(?:ging|ged|s)?[- ]?(?:in|on)(?:to)?|sign(?:ing|ed|s)?[- ]?(?:in|on)(?:to)?|signin|logon)\b/g, ' login '],
  [/\b(?:log(?:ging|ged|s)?[- ]?out|sign(?:ing|ed|s)?[- ]?out|signout|logout)\b/g, ' logout '],
  [/\b(?:sign(?:ing|ed|s)?[- ]?up|signup)\b/g, ' signup '],
  [/\b(?:time[sd]? ?out|timing out|timeouts?)\b/g, ' timeout '],
  [/\b(?:e-?mails?)\b/g, ' email '],
  [/\b(?:pass ?words?|pwd)\b/g, ' password '],
  [/\b(?:dark (?:mode|theme)|night mode)\b/g, ' darkmode '],
  [/\b(?:web ?hooks?)\b/g, ' webhook '],
  [/\b(?:rate[- ]?limit(?:s|ed|ing)?|too many requests|429)\b/g, ' ratelimit '],
  [/\b(?:set ?up)\b/g, ' setup '],
  [/\b(?:up ?load(?:s|ed|ing)?)\b/g, ' upload '],
  [/\b(?:down ?load(?:s|ed|ing)?)\b/g, ' download '],
  [/\b(?:g ?suite|google workspace)\b/g, ' gsuite '],
  [/\b(?:ms|microsoft) excel\b|\bxlsx?\b/g, ' excel '],
];

/**
 * Words that carry no theme: English function words, the greetings and courtesies of chat
 * ("hi, good morning, thanks"), and support boilerplate that appears in every kind of issue
 * ("fails", "error", "unable", "user"). Checked on the word and on its lemma.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or but if then than so of to in on at by for from with without into onto over under
   as is are was were be been being am do does did doing done have has had having it its this that
   these those there here when while after before during since until upon via per about again
   i me my mine myself we us our ours you your yours he him his she her they them their theirs
   who whom which what where why how whose
   not no nor can cannot cant could would should will wont shall may might must
   im ive id ill youre youve theyre dont doesnt didnt isnt arent wasnt werent hasnt havent wouldnt couldnt
   some any all each every both either neither other another same such only own just also too very
   more most less least much few lot lots really
   hi hello hey dear thanks thank thx ty please pls plz kindly sir madam
   good morning afternoon evening today tomorrow yesterday okay ok yes yeah sure
   issue problem error bug broken break fail failure
   unable able work anymore properly correctly right random randomly sometimes always never
   user customer client someone somebody people person team
   help need want like would wish know tell let ask request
   new old latest recent recently current currently now still yet already even
   use try keep make get go come see look give
   page screen button option feature function functionality ability way thing
   instead possible allow add support`.split(/\s+/).filter(Boolean),
);
