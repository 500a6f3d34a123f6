/**
 * Support vocabulary for the theme tokeniser. Canonical issue titles written by Claude vary in
 * wording ("can't sign in", "login fails", "unable to log on"); these tables fold the common
 * variants together before TF-IDF sees them. Changing them changes future placements only:
 * placed issues never move.
 */

/** Multi-word variants rewritten to one token before splitting. Order matters: longer first. */
export const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:two[- ]?factor|2[- ]?fa|multi[- ]?factor|mfa|one[- ]?time (?:pass(?:word|code)|code)|otp|verification codes?|auth(?:entication)? codes?|security codes?)\b/g, ' twofactor '],
  [/\b(?:single sign[- ]?on|sso|saml)\b/g, ' sso '],
  [/\b(?:log(?:ging|ged|s)?[- ]?(?:in|on)(?:to)?|sign(?:ing|ed|s)?[- ]?(?:in|on)(?:to)?|signin|logon)\b/g, ' login '],
  [/\b(?:log(?:ging|ged|s)?[- ]?out|sign(?:ing|ed|s)?[- ]?out|signout|logout)\b/g, ' logout '],
  [/\b(?:sign(?:ing|ed|s)?[- ]?up|signup|register(?:ing|ed)?|registration)\b/g, ' signup '],
  [/\b(?:time[sd]? ?out|timing out|timeouts?)\b/g, ' timeout '],
  [/\b(?:e-?mails?)\b/g, ' email '],
  [/\b(?:pass ?words?|passcodes?|pwd)\b/g, ' password '],
  [/\b(?:dark (?:mode|theme)|night mode)\b/g, ' darkmode '],
  [/\b(?:web ?hooks?)\b/g, ' webhook '],
  [/\b(?:rate[- ]?limit(?:s|ed|ing)?|too many requests|429)\b/g, ' ratelimit '],
  // A double charge keeps both halves, so "payment taken two times" still lands next to it.
  [/\b(?:charged|billed) (?:twice|double|two times)\b|\bdouble[- ]?(?:charged?|billed|billing|payments?)\b|\bduplicate (?:charges?|payments?)\b/g, ' charge twice '],
  [/\b(?:two|2|three|3|multiple) times\b/g, ' twice '],
  [/\b(?:set ?up)\b/g, ' setup '],
  [/\b(?:up ?load(?:s|ed|ing)?)\b/g, ' upload '],
  [/\b(?:down ?load(?:s|ed|ing)?)\b/g, ' download '],
  [/\b(?:i ?os|iphone|ipad)\b/g, ' ios '],
  [/\b(?:g ?suite|google workspace)\b/g, ' google '],
  [/\b(?:ms|microsoft) (?:excel)\b|\bxlsx?\b/g, ' excel '],
];

/** Single words folded to one canonical form (after lowercasing, before stemming). */
export const SYNONYMS: Readonly<Record<string, string>> = {
  // failing / broken are generic; drop them via stopwords instead of folding.
  crash: 'crash', crashes: 'crash', crashed: 'crash', crashing: 'crash', closes: 'crash', quits: 'crash', freezes: 'crash', freeze: 'crash', frozen: 'crash',
  slow: 'slow', slowly: 'slow', sluggish: 'slow', lag: 'slow', lags: 'slow', laggy: 'slow', lagging: 'slow', latency: 'slow', sluggishly: 'slow', slowness: 'slow', performance: 'slow',
  forever: 'slow', ages: 'slow', minutes: 'slow', hang: 'slow', hangs: 'slow', hanging: 'slow', spinner: 'slow', spinning: 'slow',
  invoice: 'invoice', invoices: 'invoice', invoiced: 'invoice', receipt: 'invoice', receipts: 'invoice', bill: 'invoice', bills: 'invoice',
  refund: 'refund', refunds: 'refund', refunded: 'refund', reimbursement: 'refund', reimburse: 'refund', chargeback: 'refund', money: 'refund',
  charge: 'charge', charges: 'charge', charged: 'charge', charging: 'charge', payment: 'charge', payments: 'charge', billed: 'charge', billing: 'charge', paid: 'charge', pay: 'charge',
  subscription: 'plan', subscriptions: 'plan', plan: 'plan', plans: 'plan', tier: 'plan', package: 'plan',
  upgrade: 'upgrade', upgrading: 'upgrade', upgraded: 'upgrade',
  card: 'card', cards: 'card', credit: 'card', debit: 'card', visa: 'card', mastercard: 'card', amex: 'card',
  declined: 'decline', decline: 'decline', declines: 'decline', rejected: 'decline', refused: 'decline', denied: 'decline',
  delete: 'delete', deleting: 'delete', deleted: 'delete', removed: 'delete', erased: 'delete', wipe: 'delete', deletion: 'delete', remove: 'delete', removal: 'delete', erase: 'delete', erasure: 'delete', close: 'delete', closing: 'delete', closure: 'delete', gdpr: 'delete',
  app: 'app', application: 'app', apps: 'app',
  mobile: 'mobile', phone: 'mobile', smartphone: 'mobile', tablet: 'mobile',
  android: 'android', pixel: 'android', samsung: 'android', galaxy: 'android',
  launch: 'launch', launching: 'launch', startup: 'launch', start: 'launch', opening: 'launch', open: 'launch', opened: 'launch', boot: 'launch',
  photo: 'photo', photos: 'photo', picture: 'photo', pictures: 'photo', image: 'photo', images: 'photo', camera: 'photo',
  attachment: 'attachment', attachments: 'attachment', attach: 'attachment', attaching: 'attachment', file: 'file', files: 'file',
  export: 'export', exporting: 'export', exported: 'export', exports: 'export',
  import: 'import', importing: 'import', imported: 'import', imports: 'import',
  csv: 'csv', spreadsheet: 'csv',
  report: 'report', reports: 'report', reporting: 'report',
  dashboard: 'dashboard', dashboards: 'dashboard', homepage: 'dashboard', overview: 'dashboard',
  load: 'load', loads: 'load', loading: 'load', loaded: 'load', render: 'load', renders: 'load', rendering: 'load',
  search: 'search', searching: 'search', searches: 'search', find: 'search', finds: 'search', finding: 'search', lookup: 'search',
  result: 'result', results: 'result', hits: 'result', matches: 'result',
  notification: 'notify', notifications: 'notify', notify: 'notify', notified: 'notify', alert: 'notify', alerts: 'notify', alerting: 'notify', ping: 'notify', pings: 'notify',
  sync: 'sync', syncing: 'sync', synced: 'sync', syncs: 'sync', synchronise: 'sync', synchronize: 'sync', synchronization: 'sync', synchronisation: 'sync', synchronizing: 'sync', synchronising: 'sync',
  duplicate: 'duplicate', duplicates: 'duplicate', duplicated: 'duplicate', duplication: 'duplicate', twice: 'duplicate', dupes: 'duplicate', doubled: 'duplicate', doubles: 'duplicate', double: 'duplicate',
  contact: 'contact', contacts: 'contact', lead: 'contact', leads: 'contact', records: 'record', record: 'record',
  event: 'event', events: 'event', meeting: 'event', meetings: 'event', appointment: 'event', appointments: 'event',
  calendar: 'calendar', calendars: 'calendar', gcal: 'calendar', outlook: 'calendar',
  reset: 'reset', resetting: 'reset', recover: 'reset', recovery: 'reset', forgot: 'reset', forgotten: 'reset',
  receive: 'receive', received: 'receive', receiving: 'receive', arrive: 'receive', arrives: 'receive', arriving: 'receive', arrived: 'receive', delivered: 'receive', deliver: 'receive', delivery: 'receive', get: 'receive', gets: 'receive', getting: 'receive', got: 'receive', sent: 'receive', send: 'receive', sending: 'receive', come: 'receive', comes: 'receive', coming: 'receive',
  delay: 'delay', delayed: 'delay', delays: 'delay', late: 'delay', lagged: 'delay', hours: 'delay', behind: 'delay',
  sms: 'sms', text: 'sms', texts: 'sms',
  change: 'change', changing: 'change', changed: 'change', update: 'change', updating: 'change', edit: 'change', editing: 'change', modify: 'change',
  address: 'address',
  bulk: 'bulk', mass: 'bulk', batch: 'bulk', multiple: 'bulk', many: 'bulk', several: 'bulk', selected: 'bulk', once: 'bulk',
  tax: 'tax', vat: 'tax', gst: 'tax', taxes: 'tax',
  wrong: 'wrong', incorrect: 'wrong', inaccurate: 'wrong', mismatch: 'wrong', mismatched: 'wrong', shows: 'show', showing: 'show', displays: 'show', displayed: 'show',
  support: 'support', supports: 'support', supported: 'support',
  okta: 'okta', azure: 'okta', entra: 'okta', onelogin: 'okta', idp: 'okta',
  battery: 'battery', drain: 'battery', drains: 'battery', draining: 'battery', power: 'battery', overheats: 'battery', overheating: 'battery', hot: 'battery',
  encoding: 'encode', encoded: 'encode', utf: 'encode', utf8: 'encode', characters: 'encode', accents: 'encode', accented: 'encode', garbled: 'encode',
  theme: 'darkmode', contrast: 'darkmode',
  large: 'large', big: 'large', huge: 'large', long: 'large', bigger: 'large',
};

/**
 * Words that carry no theme: English function words plus support boilerplate that appears in
 * every kind of issue ("fails", "error", "unable", "user"). Checked before and after synonyms.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or but if then than so of to in on at by for from with without into onto over under
   as is are was were be been being am do does did doing done have has had having it its this that
   these those there here when while after before during since until upon via per about again
   i me my we our you your he she they them their his her who whom which what where why how
   not no nor can cannot cant could would should will wont shall may might must
   dont doesnt didnt isnt arent wasnt werent hasnt havent
   some any all each every both either neither other another same such only own just also too very
   more most less least much few lot lots
   issue issues problem problems error errors errored bug bugs broken break breaks fail fails failed failing failure
   unable able work works working worked anymore properly correctly right random randomly sometimes always never
   user users customer customers client clients account's someone people person team
   please help need needs want wants wanted request requests requested requesting ask asks asked like would
   new newly old latest recent recently current currently now still yet already even
   use using used uses try tried trying keep keeps kept make makes made let lets
   page screen button option feature features function functionality ability way thing things
   instead option options possible allow allows allowing add adding added support`.split(/\s+/).filter(Boolean),
);
