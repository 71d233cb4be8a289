// The small vocabulary the quote finder reads news prose with. Lower case; matched against
// lower-cased words. Kept short on purpose: a word missing here costs a speaker, a wrong word
// here costs a wrong one.

const words = (list: string) => new Set(list.trim().split(/\s+/));

/** Finite forms of verbs that introduce or follow a quotation (`X said`, `said X`). */
export const ATTRIBUTION_VERBS = words(`
  said says say told tells stated states added adds noted notes wrote writes posted posts
  replied replies answered answers asked asks explained explains insisted insists argued argues
  warned warns declared declares announced announces claimed claims continued continues
  recalled recalls remarked remarks responded responds tweeted tweets observed observes
  commented comments acknowledged acknowledges admitted admits conceded concedes countered
  counters cautioned cautions concluded concludes emphasized emphasises emphasised emphasizes
  stressed stresses suggested suggests testified testifies urged urges vowed vows promised
  promises predicted predicts confirmed confirms denied denies called calls described describes
  shouted shouts whispered whispers quipped quips joked jokes boasted boasts complained complains
  lamented laments mused muses recounted recounts reiterated reiterates agreed agrees
  disagreed objected objects pleaded pleads exclaimed exclaims added echoed echoes
  beamed boomed chanted yelled screamed cheered sang pondered wondered mused reflected
  reasoned contended contends maintained maintains asserted asserts alleged alleges charged
  charges accused accuses criticized criticised criticizes criticises praised praises
  blasted blasts slammed slams dubbed labeled labelled branded termed mentioned mentions
  demanded demands pledged pledges predicted remembered remembers scoffed sniped snapped
  shot fired quipped gushed raved touted touts hailed hails lauded thundered bellowed
  summed summarized summarised characterized characterised read reads proclaimed proclaims
  informed informs assured assures reassured reassures reminded reminds  telling saying adding writing noting calling
  arguing warning explaining asking insisting declaring describing tweeting stating
  urging accusing adding recalling conceding complaining joking boasting quipping
  promising vowing
  sings sang say write add tell note argue claim insist warn explain declare recall describe call
  fumed fumes seethed griped gripes grumbled grumbles chided chides scolded scolds mocked
  mocks retorted retorts shrugged marveled marvelled gushed opined opines posited
`);

/** Words that may stand between a subject and its verb: `Trump has repeatedly said`. */
export const SKIPPABLE_BEFORE_VERB = words(`
  also later then again previously repeatedly once has had have was is would will further
  simply quickly recently earlier first finally often publicly privately separately flatly
  bluntly angrily quietly calmly herself himself themselves just already once
`);

/** Personal pronouns that can be a speaker, and who they can refer to. */
export const PRONOUNS = words(`he she they i we`);

/**
 * Head nouns of roles and titles: `board chair`, `Defense Minister`, `an analyst at…`.
 * A phrase is taken for a role only when it has one of these.
 */
export const ROLE_HEADS = words(`
  minister president chair chairman chairwoman chairperson director spokesperson spokesman
  spokeswoman secretary envoy governor mayor senator representative ambassador deputy chief
  commander general officer official officials professor ceo founder cofounder co-founder head
  leader manager analyst researcher editor lawyer attorney judge coach captain king queen
  prince princess councillor councilor superintendent principal economist scientist advocate
  activist organizer organiser coordinator inspector sheriff prosecutor chancellor premier
  commissioner treasurer administrator adviser advisor consultant engineer doctor nurse teacher
  student resident residents farmer owner executive trustee trustees dean provost rector pastor
  bishop imam rabbi cleric mufti colonel major lieutenant sergeant admiral marshal staff
  historian author journalist reporter correspondent strategist negotiator diplomat mediator
  sen rep gov gen col capt lt sgt whip speaker delegate delegates supporter supporters
  democrat republican democratic independent libertarian gop dem reverend
  senators representatives reps sens governors chairmen congressmen lawmakers
  candidate lawmaker legislator mp congressman congresswoman contractor singer drummer
  guitarist actor actress artist designer architect volunteer volunteers witness witnesses
  landlord lecturer physician surgeon pilot driver worker workers employee employees member
  members vice premier pope cardinal justice magistrate clerk auditor regulator planner
  investor investors banker bankers founder partner partners headteacher headmaster
  headmistress parent parents host presenter pupil graduate mother father conductor guard
  passenger passengers neighbour neighbor customer shopkeeper waiter chef owner fan fans
  child children boy girl man woman friend friends
`);

/** Words of institutions and places: a capitalised run with one is not a person. */
export const ORGANISATION_WORDS = words(`
  ministry department base airbase air street journal times post news social university
  council committee agency bank party court company inc corp ltd llc group association union
  institute foundation office police army navy force forces states kingdom republic nations
  city county province region river airport hospital school college center centre board
  bridge research equity semiconductors kings directorate intelligence defense defence
  affairs security house senate congress parliament assembly commission authority service
  services club fund trust church mosque temple station road avenue square park museum
  library press media network television radio gazette herald tribune review report
  international global national federal
`);

/** Capitalised words that begin sentences without being names. */
export const NOT_NAMES = words(`
  the a an this that these those some many most multiple several other others both each every
  all any no few more less such our their his her its my your we they he she it i in on at by
  for from with without after before during since until when while if as but and or so yet
  although though because however meanwhile still also then now today yesterday tomorrow last
  next earlier later outside inside asked according despite under over between among against
  across around through after once there here what who why how where which whose
  monday tuesday wednesday thursday friday saturday sunday january february march april may
  june july august september october november december mr mrs ms mx dr prof sir dame rev fr
  hon of to into onto upon about like unlike one two three even just only amid via per
  nobody everybody somebody anybody everyone someone anyone none another along alongside amongst beyond toward towards whenever wherever whatever whoever however whether unless instead perhaps maybe indeed
  yes no not nor thus hence therefore otherwise rather almost nearly only even
  said says told asked reported wrote added
`);

/** Titles written before a name and not part of it. */
export const HONORIFICS = words(
  `mr mrs ms mx dr prof sir dame rev fr sen rep gov gen col capt lt sgt`,
);

/** Words that end a role or subject phrase when reading backwards or forwards. */
export const PHRASE_STOPS = words(`
  and but or that because when while if as than by from with including to said says who
  which whom whose where after before since until though although also is are was were be
  been being has have had do does did will would can could should may might must not
`);

/** Lower-case words allowed in a role phrase before the head noun: `former fund manager`. */
export const ROLE_MODIFIERS = words(`
  former acting interim senior junior deputy vice assistant associate special political chief
  executive general regional local foreign national state federal press board fund city
  county party union campaign team club company news head lead co managing principal
  health finance defense defence interior trade energy education justice transport
  environment communications research investment marketing sales policy legal medical
  military police prison security intelligence economic economics economy public
  hostage response harbour harbor port district town village school university
  current outgoing incoming longtime long-time veteran top lead chief-of-staff
  majority minority ranking select oversight judiciary foreign homeland house senate
  democratic republican presidential congressional
`);

/** Abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS = words(`
  mr mrs ms mx dr prof sen rep gov gen col capt lt sgt st jr sr inc co corp ltd no nos vs etc
  jan feb mar apr jun jul aug sep sept oct nov dec fig approx est dept univ ave blvd
`);

/**
 * Places that read like two-word names in news (`New York`, `North Carolina`) or that stand
 * alone where a surname could (`Madison`): never a speaker. The states and capitals of the US
 * and the countries most in the news; a place missing here can still be told by `of`/`in`
 * before it.
 */
export const PLACES = new Set(
  `
  alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
  hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
  michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
  pennsylvania tennessee texas utah vermont virginia wisconsin wyoming
  new_hampshire new_jersey new_mexico new_york north_carolina north_dakota rhode_island
  south_carolina south_dakota west_virginia washington_d.c. puerto_rico
  america united_states britain england scotland wales ireland france germany italy spain
  russia china japan india pakistan afghanistan iran iraq syria israel mexico canada
  brazil ukraine turkey egypt korea north_korea south_korea cuba europe africa asia
  new_york_city los_angeles san_francisco chicago boston philadelphia atlanta miami
  baltimore detroit houston dallas denver seattle phoenix cleveland charlotte orlando
  louisville nashville pittsburgh st._louis st._paul kabul baghdad moscow beijing london
  paris berlin tokyo brussels madison capitol_hill wall_street silicon_valley
  `
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/_/g, ' ')),
);

/** Words of institutions' names that the organisation list lacks for events and bodies. */
export const EVENT_WORDS = words(`
  convention caucus campaign league conference summit symposium agenda forum rally
  coalition alliance movement initiative program programme project
`);

/** Papers that speak for whoever wrote them: `a Homeland Security memo put it`, `the suit reads`. */
export const DOCUMENTS = new Set(
  'memo memorandum report letter statement release email e-mail lawsuit suit complaint filing study column editorial tweet post op-ed claim claims allegation allegations testimony remarks'.split(
    ' ',
  ),
);

/** Words that open a noun phrase: `the committee`, `his campaign`, `a spokesman`. */
export const DETERMINERS = words(`the a an some one his her their its our`);

/** Words that start a phrase about where or when, not who. */
export const PREPOSITIONS = new Set(
  'on in at to from with for during after before of about by into over under through'.split(' '),
);

/** Verbs a paper speaks with, beyond those people speak with. */
export const DOCUMENT_VERBS = new Set(
  'found finds concluded concludes read reads stated states continues continued put'.split(' '),
);

/** What an institution is called after it is named: `the committee`, `the panel`. A map, so a
 * word such as `constructor` finds nothing (a plain object would find its inherited method). */
export const INSTITUTION_HEADS: ReadonlyMap<string, readonly string[]> = new Map([
  ['committee', ['committee']],
  ['panel', ['committee', 'panel', 'commission']],
  ['agency', ['agency', 'department', 'office', 'service', 'administration', 'bureau']],
  ['department', ['department']],
  ['foundation', ['foundation']],
  ['office', ['office']],
  ['bank', ['bank']],
  ['company', ['company', 'co', 'inc', 'corp', 'group']],
  ['commission', ['commission']],
  ['court', ['court']],
  ['column', ['column']],
  ['association', ['association']],
  ['union', ['union']],
  ['party', ['party']],
]);

/** Plural subjects that name a pair of people spoken of before. */
export const PLURAL_PEOPLE = new Set(
  'two pair both they chairmen senators lawmakers congressmen representatives leaders members authors'.split(
    ' ',
  ),
);
