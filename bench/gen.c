/* gen.c - cw-gen: a deterministic generator of synthetic news for
 * benchmarks and load tests.
 *
 * Real archives are not uniform: a few events draw hundreds of articles
 * from many outlets, most draw one or two; wire copy is republished with a
 * new headline and a trimmed ending; outlets update their own stories.
 * This program invents such an archive from a seed: a year of stories
 * whose sizes follow a Zipf-Mandelbrot law, each story a small world of
 * invented people (with roles), organisations, places, numbers, a date and
 * quotes, written up by invented outlets that each have a style (headline
 * case, dateline form, quote marks, reporting verb, length, sign-off).
 * Every name is built from syllables and every sentence from templates
 * written here, so no third-party text is involved.
 *
 * Output is JSON lines in crosswire's input contract (default; the id
 * "gen<seed>-s<story>-a<n>" names the true story), the
 * seeds' plain-text page shape, or a simple HTML article page; all to
 * stdout (pages separated by a form feed line) or one file per article
 * with --dir. The same arguments give byte-identical output: all
 * randomness comes from splitmix64 streams keyed by (seed, story, article),
 * and nothing depends on the clock, the locale or the platform.
 *
 * usage: cw-gen --count N [--seed S] [--format jsonl|text|html] [--dir D]
 */
#include <errno.h>
#include <math.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A bound on --count: the plan costs 24 bytes an article, so 50 million
 * stays near 1 GiB; larger runs should be split by seed. */
#define GEN_MAX_COUNT 50000000L
/* Zipf-Mandelbrot story sizes: P(rank k) ~ 1 / (k + GEN_ZIPF_Q)^GEN_ZIPF_S.
 * With q = 8 the largest story holds ~1-2 % of the archive (a week-long
 * crisis), and the tail is stories of one or two articles. */
#define GEN_ZIPF_S 1.1
#define GEN_ZIPF_Q 8.0
/* Stories per article: about one story for every three articles. */
#define GEN_STORIES_PER_ARTICLE 0.35
/* A text buffer for one article; templates never come near it. */
#define GEN_ARTICLE_MAX (64 * 1024)
#define GEN_YEAR 2025

/* ---- random numbers ------------------------------------------------------ */

typedef struct rng {
  uint64_t s;
} rng;

static uint64_t rng_next(rng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static rng rng_make(uint64_t a, uint64_t b, uint64_t c) {
  rng r = {a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL)};
  rng_next(&r);
  r.s ^= c * 0xd6e8feb86659fd93ULL;
  rng_next(&r);
  return r;
}

/* Uniform in [0, n). */
static uint32_t rng_below(rng *r, uint32_t n) {
  return n ? (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32) : 0;
}

static double rng_unit(rng *r) {
  return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

#define PICK(r, arr) ((arr)[rng_below((r), sizeof(arr) / sizeof((arr)[0]))])

/* ---- output buffer ------------------------------------------------------- */

typedef struct buf {
  char *p;
  size_t len, cap;
} buf;

static void buf_grow(buf *b, size_t need) {
  if (b->len + need + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + need + 1)
    cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) {
    fputs("cw-gen: out of memory\n", stderr);
    exit(1);
  }
  b->p = p;
  b->cap = cap;
}

static void buf_add(buf *b, const char *s, size_t n) {
  buf_grow(b, n);
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void buf_puts(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0)
    return;
  buf_grow(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* ---- invented vocabulary --------------------------------------------------
 */

static const char *const syl_first[] = {"Ka",  "Lo",  "Mi", "Te", "Va",   "Ro",
                                        "Se",  "Da",  "Ne", "Jo", "Ha",   "Ela",
                                        "Ilo", "Bri", "Co", "Fe", "Gre",  "Ma",
                                        "Ori", "Pa",  "Sa", "To", "Ulri", "Ye"};
static const char *const syl_mid[] = {"ra", "len", "vi", "mar", "do", "ri",
                                      "sa", "na",  "li", "to",  "be", "ko"};
static const char *const syl_end_f[] = {"na", "ra", "lia", "ssa",
                                        "ne", "ya", "ka"};
static const char *const syl_end_m[] = {"n",   "s",   "r",   "k",  "mo",
                                        "ril", "dan", "vek", "tas"};
static const char *const syl_sur1[] = {
    "Bren", "Hal", "Kor",  "Vass", "Mor", "Tal",  "Ost", "Dren", "Lind", "Quar",
    "Sev",  "Ard", "Pell", "Rask", "Ulv", "Wend", "Zel", "Fost", "Grim", "Nor"};
static const char *const syl_sur2[] = {"ner", "dov",   "ström", "ik",   "ova",
                                       "ano", "berg",  "wick",  "mann", "eau",
                                       "sen", "quist", "ard",   "ell",  "aro"};
static const char *const syl_place1[] = {
    "Kor",  "Vel", "Ost", "Mar", "Hal", "Tess", "Lun", "Brae", "Dun",
    "Ferr", "Gal", "Nor", "Sel", "Tor", "Vard", "Ems", "Ril",  "Cal"};
static const char *const syl_place2[] = {"sa",   "mont", "havn", "ora",  "dale",
                                         "bury", "ric",  "ven",  "stad", "ia",
                                         "ford", "ino",  "port", "wick"};
static const char *const country_end[] = {"ava",  "ia",  "land",
                                          "ovia", "ara", "mark"};
static const char *const org_suffix[] = {
    "Holdings", "Group", "Logistics", "Energy",  "Bank",   "Systems",
    "Shipping", "Foods", "Pharma",    "Telecom", "Motors", "Insurance"};
static const char *const agency_kind[] = {
    "Ministry of Transport", "Ministry of Finance",
    "Safety Directorate",    "Data Protection Authority",
    "Electoral Commission",  "Port Authority",
    "Competition Office",    "Civil Protection Agency",
    "Health Inspectorate",   "City Council"};
static const char *const union_kind[] = {
    "Dockworkers' Union", "Nurses' Association", "Rail Workers' Federation",
    "Teachers' Union",    "Farmers' League",     "Drivers' Guild"};
static const char *const person_role[] = {
    "chief executive", "spokesperson",     "minister",     "mayor",
    "union leader",    "chief inspector",  "prosecutor",   "senior analyst",
    "committee chair", "finance director", "police chief", "professor"};
static const char *const weekday[] = {"Monday",   "Tuesday", "Wednesday",
                                      "Thursday", "Friday",  "Saturday",
                                      "Sunday"};
static const char *const month_name[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/* ---- outlets --------------------------------------------------------------
 */

typedef struct outlet {
  const char *name, *domain, *section;
  int title_upper;   /* 1 = Headline Case, 0 = sentence case */
  int dateline_caps; /* 1 = "KORSA –", 0 = "Korsa:" */
  int curly;         /* curly quote marks */
  const char *said;  /* reporting verb */
  int min_paras, max_paras;
  const char *signoff; /* closing agency line or NULL */
  int is_wire;
} outlet;

static const outlet outlets[] = {
    {"Meridian Wire", "meridianwire.example", "world", 1, 1, 0, "said", 4, 8,
     "MERIDIAN", 1},
    {"Northgate Press Agency", "npa.example", "news", 0, 1, 1, "said", 3, 7,
     "NPA", 1},
    {"The Halden Courier", "haldencourier.example", "news", 1, 0, 1, "said", 6,
     14, NULL, 0},
    {"Estrava Evening Post", "eveningpost.example", "local", 0, 0, 1,
     "told reporters", 4, 9, NULL, 0},
    {"Korsa Daily", "korsadaily.example", "region", 1, 0, 0, "said", 3, 6, NULL,
     0},
    {"The Lantern Review", "lanternreview.example", "analysis", 1, 0, 1,
     "argued", 8, 18, NULL, 0},
    {"Quillon Business Times", "qbt.example", "markets", 1, 1, 1, "said", 4, 10,
     NULL, 0},
    {"Vell Radio News", "vellradio.example", "audio", 0, 0, 0, "told reporters",
     2, 4, NULL, 0},
    {"Bramble Street Journal", "bramblestreet.example", "politics", 1, 0, 1,
     "said", 5, 12, NULL, 0},
    {"Tessaly Today", "tessalytoday.example", "news", 0, 0, 0, "says", 3, 7,
     NULL, 0},
    {"The Morn Observer", "mornobserver.example", "world", 1, 1, 1, "said", 6,
     13, NULL, 0},
    {"Coastline Gazette", "coastlinegazette.example", "home", 1, 0, 0, "said",
     3, 8, NULL, 0},
};
#define N_OUTLETS (sizeof(outlets) / sizeof(outlets[0]))
#define N_WIRES 2

/* ---- stories: the invented world of one event ------------------------------
 */

enum { P_MAX = 4 };

typedef struct person {
  char name[48];
  char surname[24];
  const char *role;
  int female;
} person;

typedef struct story {
  uint64_t id;
  int kind;
  char city[32], country[32];
  char org[64], agency[96], union_name[96];
  person people[P_MAX];
  int n_people;
  long n1, n2, money; /* figures of the event */
  int day;            /* day of the year the event happened */
} story;

static void make_surname(rng *r, char *out, size_t cap) {
  snprintf(out, cap, "%s%s", PICK(r, syl_sur1), PICK(r, syl_sur2));
}

static void make_place(rng *r, char *out, size_t cap) {
  if (rng_below(r, 3) == 0)
    snprintf(out, cap, "%s%s%s", PICK(r, syl_place1), PICK(r, syl_mid),
             PICK(r, syl_place2));
  else
    snprintf(out, cap, "%s%s", PICK(r, syl_place1), PICK(r, syl_place2));
}

static void make_person(rng *r, person *p) {
  char first[24];
  p->female = (int)rng_below(r, 2);
  if (rng_below(r, 2))
    snprintf(first, sizeof first, "%s%s%s", PICK(r, syl_first),
             PICK(r, syl_mid),
             p->female ? PICK(r, syl_end_f) : PICK(r, syl_end_m));
  else
    snprintf(first, sizeof first, "%s%s", PICK(r, syl_first),
             p->female ? PICK(r, syl_end_f) : PICK(r, syl_end_m));
  make_surname(r, p->surname, sizeof p->surname);
  snprintf(p->name, sizeof p->name, "%s %s", first, p->surname);
  p->role = PICK(r, person_role);
}

enum {
  K_STRIKE,
  K_TRIAL,
  K_BREACH,
  K_STORM,
  K_MERGER,
  K_ELECTION,
  K_FIRE,
  K_BUDGET,
  N_KINDS
};

static void make_story(uint64_t seed, uint64_t id, int day, story *s) {
  rng r = rng_make(seed, id, 1);
  memset(s, 0, sizeof *s);
  s->id = id;
  s->kind = (int)rng_below(&r, N_KINDS);
  make_place(&r, s->city, sizeof s->city);
  {
    char base[24];
    snprintf(base, sizeof base, "%s", PICK(&r, syl_place1));
    snprintf(s->country, sizeof s->country, "%s%s", base,
             PICK(&r, country_end));
  }
  {
    char stem[32];
    make_place(&r, stem, sizeof stem);
    snprintf(s->org, sizeof s->org, "%s %s", stem, PICK(&r, org_suffix));
  }
  snprintf(s->agency, sizeof s->agency, "%s %s", s->country,
           PICK(&r, agency_kind));
  snprintf(s->union_name, sizeof s->union_name, "%s %s", s->city,
           PICK(&r, union_kind));
  s->n_people = 2 + (int)rng_below(&r, P_MAX - 1);
  for (int i = 0; i < s->n_people; i++)
    make_person(&r, &s->people[i]);
  s->n1 = 12 + (long)rng_below(&r, 4000);
  s->n2 = 2 + (long)rng_below(&r, 60);
  s->money = 5 + (long)rng_below(&r, 900);
  s->day = day;
}

/* ---- dates ----------------------------------------------------------------
 */

static int is_leap(int y) { return (y % 4 == 0 && y % 100) || y % 400 == 0; }

static void day_to_date(int day, int *y, int *m, int *d) {
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int year = GEN_YEAR;
  for (;;) {
    int len = is_leap(year) ? 366 : 365;
    if (day < len)
      break;
    day -= len;
    year++;
  }
  int mo = 0;
  for (;;) {
    int len = mdays[mo] + (mo == 1 && is_leap(year));
    if (day < len)
      break;
    day -= len;
    mo++;
  }
  *y = year;
  *m = mo + 1;
  *d = day + 1;
}

/* 1 Jan 2025 was a Wednesday (index 2 in weekday[]). */
static const char *day_weekday(int day) { return weekday[(day + 2) % 7]; }

/* ---- templates -------------------------------------------------------------
 *
 * A template is text with fields in braces: {C} city, {N} country, {O}
 * company, {A} agency, {U} union, {P0}..{P3} a person's full name, {S0}..
 * {S3} surname, {R0}..{R3} role, {n1} {n2} figures, {M} money ("€340
 * million"), {W} weekday of the event, {D} a date after it ("March 3"),
 * {B} a date before it, and {V} the outlet's reporting verb.
 */

typedef struct kind_text {
  const char *headline[3];
  const char *lead[2];
  const char *body[6];
  const char *quote[4];
} kind_text;

static const kind_text kinds[N_KINDS] = {
    {/* K_STRIKE */
     {"workers walk out at {O} in {C}", "{U} strike shuts {O} sites",
      "{C} strike enters day {n2} as talks stall"},
     {"About {n1} workers at {O} walked off the job in {C} on {W}, the {U} "
      "said, demanding an inquiry into working conditions.",
      "A strike called by the {U} halted work at {O} in {C} on {W}, with "
      "{n1} members joining the stoppage."},
     {"The union wants the {A} to publish its findings before work resumes.",
      "{O} said in a statement that it regretted the action and remained "
      "open to talks.",
      "Managers estimated that the stoppage would cost {M} a week.",
      "Negotiations broke down after {n2} hours on {B}, according to people "
      "familiar with the talks.",
      "{P1}, the {R1}, said the dispute could spread to other sites.",
      "Police reported no incidents at the picket lines."},
     {"We will not go back until the safety report is on the table",
      "Nobody wants this strike, but our members have run out of patience",
      "The company has made a fair offer and we urge the union to accept it",
      "Every day of this dispute costs the region dearly"}},
    {/* K_TRIAL */
     {"trial of {P0} opens in {C}", "{P0} denies charges as trial begins",
      "prosecutors detail case against {S0}"},
     {"The trial of {P0}, a former {R0} at {O}, opened in {C} on {W} on "
      "charges of fraud involving {M}.",
      "{P0} pleaded not guilty on {W} as the fraud trial of the former {O} "
      "executive began before a court in {C}."},
     {"Prosecutors say {n2} shell companies were used to move the money.",
      "The court expects to hear from {n2} witnesses over the coming weeks.",
      "{S0}'s lawyer, {P1}, said the case rested on misread documents.",
      "The {A} first raised concerns on {B}.",
      "If convicted, {S0} faces up to {n2} years in prison.",
      "Shares in {O} fell sharply when the charges were announced."},
     {"My client has done nothing wrong and will be vindicated",
      "This case is about trust in our institutions",
      "The evidence will speak for itself",
      "We expect a long and difficult trial"}},
    {/* K_BREACH */
     {"{O} breach exposes data of {n1},000 customers",
      "hackers claim attack on {O}", "{A} opens inquiry into {O} breach"},
     {"{O} said on {W} that hackers had taken the personal data of about "
      "{n1},000 customers, in one of the largest breaches in {N}.",
      "Personal records of roughly {n1},000 {O} customers were stolen in a "
      "cyberattack, the company disclosed on {W}."},
     {"The {A} said it had opened an inquiry and could impose fines of up to "
      "{M}.",
      "A group calling itself the {S2} Collective claimed responsibility.",
      "{P0}, the company's {R0}, apologised to customers.",
      "The attack was first detected on {B}, {n2} days before it was "
      "disclosed.",
      "Security researchers said the stolen files had appeared on a "
      "forum.",
      "Customers were advised to change their passwords."},
     {"We take the security of our customers' data extremely seriously",
      "This breach was entirely preventable",
      "We are working around the clock with the authorities",
      "Customers deserve to know exactly what was taken"}},
    {/* K_STORM */
     {"storm leaves {n1} homes without power in {C}",
      "floods hit {C} as river bursts its banks",
      "{C} counts cost of storm damage"},
     {"A storm swept across {C} on {W}, cutting power to {n1} homes and "
      "forcing the closure of schools, the {A} said.",
      "Heavy rain flooded parts of {C} on {W} after the river rose {n2} "
      "centimetres in a few hours."},
     {"Emergency crews evacuated {n2} streets near the river.",
      "The {A} estimated damage at {M}.",
      "{P0}, the {R0}, said the city's flood barriers had held in most "
      "places.",
      "Forecasters warned of more rain until {D}.",
      "Rail services to {N}'s capital were suspended.",
      "Volunteers filled sandbags through the night."},
     {"We have not seen water this high in a generation",
      "Our crews will work until every home has power again",
      "People should stay away from the riverbanks",
      "The barriers did their job, but we were lucky"}},
    {/* K_MERGER */
     {"{O} agrees {M} takeover", "{O} to merge with rival in {M} deal",
      "regulator to review {O} deal"},
     {"{O} agreed on {W} to buy a smaller rival for {M}, creating the "
      "largest company of its kind in {N}.",
      "{O} announced a {M} merger on {W} that would combine two of {N}'s "
      "biggest firms."},
     {"The {A} said it would examine whether the deal harmed competition.",
      "About {n1} jobs could be affected, the {U} warned.",
      "{P0}, the {R0}, said the deal would be completed by {D}.",
      "Shares in {O} rose {n2} per cent in early trading.",
      "Analysts at {P2}'s firm called the price generous.",
      "The combined group would employ {n1} people."},
     {"This deal makes us stronger for the decade ahead",
      "We will look very closely at the effect on prices",
      "Workers must not pay the price for this merger",
      "It is a bold move in a difficult market"}},
    {/* K_ELECTION */
     {"{P0} wins {C} mayoral race", "{C} votes in tight mayoral election",
      "turnout rises as {C} elects new mayor"},
     {"{P0} won the race for mayor of {C} on {W}, taking {n2} per cent of "
      "the vote, the {A} said.",
      "Voters in {C} elected {P0} as mayor on {W} after a campaign dominated "
      "by housing and transport."},
     {"Turnout was {n2} per cent, up from the last election.",
      "{P1}, the runner-up, conceded late in the evening.",
      "The count was delayed by {n2} hours in two districts.",
      "{S0} promised to build {n1} new homes by {D}.",
      "The {A} said it had received no formal complaints.",
      "Supporters gathered outside the city hall."},
     {"Tonight the people of this city chose change",
      "I congratulate the winner and will work with the new council",
      "Every vote has been counted fairly",
      "Housing is the first thing on my desk tomorrow"}},
    {/* K_FIRE */
     {"fire at {O} plant in {C} injures {n2}", "blaze destroys {O} warehouse",
      "inquiry ordered after {C} fire"},
     {"A fire broke out at the {O} plant in {C} early on {W}, injuring {n2} "
      "workers and sending smoke over the city.",
      "Firefighters fought for hours on {W} to contain a blaze at the {O} "
      "warehouse in {C}."},
     {"The {A} ordered an inquiry into the cause of the fire.",
      "Residents within {n2} kilometres were told to keep windows closed.",
      "{P0}, the {R0}, said all staff had been accounted for.",
      "The plant employs {n1} people.", "Damage was put at {M}.",
      "Inspectors had visited the site on {B}."},
     {"Our first thought is with the injured and their families",
      "We will find out how this happened",
      "The smoke was so thick we could not see the street",
      "This plant had been warned before"}},
    {/* K_BUDGET */
     {"{N} parliament passes {M} budget", "budget vote splits {N} coalition",
      "{P0} defends spending plan"},
     {"Lawmakers in {N} approved a budget of {M} on {W} after a debate that "
      "lasted {n2} hours.",
      "The parliament of {N} passed the government's spending plan on {W} "
      "by a margin of {n2} votes."},
     {"{P0}, the {R0}, said the plan would cut the deficit by {D} next "
      "year.",
      "The opposition said pensioners would bear the cost.",
      "Spending on hospitals rises by {n2} per cent.",
      "{P1} voted against the plan and left the coalition.",
      "The {A} will publish its assessment within a month.",
      "About {n1} public jobs are to be created."},
     {"This is a responsible budget for difficult times",
      "The numbers simply do not add up",
      "We kept our promise to protect the hospitals",
      "Pensioners deserve better than this"}},
};

typedef struct style_ctx {
  const story *s;
  const outlet *o;
} style_ctx;

static void put_money(buf *b, long m) {
  if (m >= 100)
    buf_printf(b, "€%ld million", m);
  else
    buf_printf(b, "€%ld.%ld billion", m / 10 + 1, m % 10);
}

static void expand(buf *b, const char *t, const style_ctx *c) {
  const story *s = c->s;
  while (*t) {
    const char *br = strchr(t, '{');
    if (!br) {
      buf_puts(b, t);
      return;
    }
    buf_add(b, t, (size_t)(br - t));
    const char *end = strchr(br, '}');
    if (!end) {
      buf_puts(b, br);
      return;
    }
    size_t n = (size_t)(end - br - 1);
    const char *f = br + 1;
    int pi = (n == 2 && f[1] >= '0' && f[1] <= '3') ? f[1] - '0' : 0;
    if (pi >= s->n_people)
      pi = s->n_people - 1;
    if (n == 1 && f[0] == 'C')
      buf_puts(b, s->city);
    else if (n == 1 && f[0] == 'N')
      buf_puts(b, s->country);
    else if (n == 1 && f[0] == 'O')
      buf_puts(b, s->org);
    else if (n == 1 && f[0] == 'A')
      buf_puts(b, s->agency);
    else if (n == 1 && f[0] == 'U')
      buf_puts(b, s->union_name);
    else if (n == 1 && f[0] == 'M')
      put_money(b, s->money);
    else if (n == 1 && f[0] == 'W')
      buf_puts(b, day_weekday(s->day));
    else if (n == 1 && f[0] == 'V')
      buf_puts(b, c->o->said);
    else if (n == 1 && f[0] == 'D') {
      int y, m, d;
      day_to_date(s->day + 3 + (int)(s->n2 % 20), &y, &m, &d);
      buf_printf(b, "%s %d", month_name[m - 1], d);
    } else if (n == 1 && f[0] == 'B') {
      int y, m, d;
      day_to_date(s->day > 40 ? s->day - 1 - (int)(s->n2 % 20) : s->day, &y, &m,
                  &d);
      buf_printf(b, "%s %d", month_name[m - 1], d);
    } else if (n == 2 && f[0] == 'n' && f[1] == '1') {
      if (s->n1 >= 1000) /* thousands grouped, as newspapers print them */
        buf_printf(b, "%ld,%03ld", s->n1 / 1000, s->n1 % 1000);
      else
        buf_printf(b, "%ld", s->n1);
    } else if (n == 2 && f[0] == 'n' && f[1] == '2')
      buf_printf(b, "%ld", s->n2);
    else if (n == 2 && f[0] == 'P')
      buf_puts(b, s->people[pi].name);
    else if (n == 2 && f[0] == 'S')
      buf_puts(b, s->people[pi].surname);
    else if (n == 2 && f[0] == 'R')
      buf_puts(b, s->people[pi].role);
    else
      buf_add(b, br, n + 2);
    t = end + 1;
  }
}

/* Capitalises the first ASCII letter of [from, b->len), and for Headline
 * Case the first letter of every later word except short function words. */
static int small_word(const char *w, size_t n) {
  static const char *const small[] = {"of",  "in",  "as", "at", "to",
                                      "the", "and", "on", "by", "for"};
  for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
    if (strlen(small[i]) == n && !memcmp(small[i], w, n))
      return 1;
  return 0;
}

static void case_fix(buf *b, size_t from, int headline) {
  int first = 1;
  for (size_t i = from; i < b->len; i++) {
    if (i > from && b->p[i - 1] != ' ')
      continue;
    size_t j = i;
    while (j < b->len && b->p[j] != ' ')
      j++;
    char ch = b->p[i];
    if (ch >= 'a' && ch <= 'z' && (first || !small_word(b->p + i, j - i)))
      b->p[i] = (char)(ch - 'a' + 'A');
    first = 0;
    if (!headline)
      return;
  }
}

/* ---- one article ----------------------------------------------------------
 */

typedef struct article {
  char id[48];
  char date[64];     /* published, ISO 8601 */
  char day_only[32]; /* YYYY-MM-DD */
  char url[256];
  const outlet *o;
  buf title;
  buf text; /* paragraphs separated by "\n\n" */
  const char *dateline;
} article;

enum { V_ORIGINAL, V_SYNDICATED, V_UPDATE };

/* Writes a quote paragraph: either "“Q,” Name, the role, said." or
 * "Name said: “Q.”" */
static void put_quote(buf *b, const style_ctx *c, rng *r, int qi, int who,
                      int first_mention) {
  const kind_text *k = &kinds[c->s->kind];
  const person *p = &c->s->people[who % c->s->n_people];
  const char *open = c->o->curly ? "“" : "\"";
  const char *close = c->o->curly ? "”" : "\"";
  const char *q = k->quote[qi % 4];
  if (rng_below(r, 2)) {
    buf_printf(b, "%s%s,%s ", open, q, close);
    if (first_mention)
      buf_printf(b, "%s, the %s, %s.", p->name, p->role, c->o->said);
    else
      buf_printf(b, "%s %s.", p->surname, c->o->said);
  } else {
    if (first_mention)
      buf_printf(b, "%s, the %s, %s: %s%s.%s", p->name, p->role, c->o->said,
                 open, q, close);
    else
      buf_printf(b, "%s %s: %s%s.%s", p->surname, c->o->said, open, q, close);
  }
}

static void write_article(uint64_t seed, const story *s, const outlet *o,
                          int variant, uint64_t seq, int pub_day, int secs,
                          article *a) {
  /* Syndicated copies share the wire's stream, so their body is the same
   * text as the wire story's; originals and updates get their own. */
  const outlet *voice = variant == V_SYNDICATED ? &outlets[s->id % N_WIRES] : o;
  rng r = variant == V_SYNDICATED
              ? rng_make(seed, s->id, 1000 + s->id % N_WIRES)
          : o->is_wire ? rng_make(seed, s->id, 1000 + (uint64_t)(o - outlets))
                       : rng_make(seed, s->id, 2000 + seq);
  style_ctx c = {s, voice};
  const kind_text *k = &kinds[s->kind];
  int y, m, d;

  a->o = o;
  day_to_date(pub_day, &y, &m, &d);
  /* the id carries the true story, so that clustering can be scored
   * against it (bench/bcubed) */
  snprintf(a->id, sizeof a->id, "gen%" PRIu64 "-s%" PRIu64 "-a%" PRIu64, seed,
           s->id, seq);
  snprintf(a->day_only, sizeof a->day_only, "%04d-%02d-%02d", y % 10000, m, d);
  snprintf(a->date, sizeof a->date, "%sT%02d:%02d:%02dZ", a->day_only,
           secs / 3600, secs / 60 % 60, secs % 60);
  a->title.len = 0;
  a->text.len = 0;
  a->dateline = s->city;

  /* headline: syndicated copies get a headline of their own */
  rng hr = rng_make(seed, s->id, 3000 + seq);
  int hi = (int)rng_below(&hr, 3);
  if (variant == V_UPDATE)
    buf_puts(&a->title, "Update: ");
  size_t hstart = a->title.len;
  expand(&a->title, k->headline[hi], &c);
  case_fix(&a->title, hstart, o->title_upper);
  if (variant == V_SYNDICATED && rng_below(&hr, 2))
    buf_printf(&a->title, " – %s", s->people[0].surname);

  /* slug from the headline */
  {
    char slug[96];
    size_t sl = 0;
    for (size_t i = 0; i < a->title.len && sl + 1 < sizeof slug; i++) {
      unsigned char ch = (unsigned char)a->title.p[i];
      if (ch >= 'A' && ch <= 'Z')
        slug[sl++] = (char)(ch - 'A' + 'a');
      else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
        slug[sl++] = (char)ch;
      else if (sl && slug[sl - 1] != '-')
        slug[sl++] = '-';
    }
    while (sl && slug[sl - 1] == '-')
      sl--;
    slug[sl] = '\0';
    snprintf(a->url, sizeof a->url, "https://%s/%s/%04d/%02d/%s-%" PRIu64,
             o->domain, o->section, y, m, slug, seq);
  }

  /* body */
  int paras =
      voice->min_paras +
      (int)rng_below(&r, (uint32_t)(voice->max_paras - voice->min_paras + 1));
  int mentioned[P_MAX] = {0};
  int li = (int)rng_below(&r, 2);
  size_t start = a->text.len;
  expand(&a->text, k->lead[li], &c);
  case_fix(&a->text, start, 0);
  mentioned[0] = strstr(k->lead[li], "{P0}") != NULL;
  int used_body = 0;
  for (int pi = 1; pi < paras; pi++) {
    buf_puts(&a->text, "\n\n");
    uint32_t what = rng_below(&r, 10);
    if (what < 4) {
      int who = (int)rng_below(&r, (uint32_t)s->n_people);
      put_quote(&a->text, &c, &r, (int)rng_below(&r, 4), who, !mentioned[who]);
      mentioned[who] = 1;
    } else {
      /* one to three body sentences, each used once per article */
      int ns = 1 + (int)rng_below(&r, 3);
      for (int si = 0; si < ns; si++) {
        int bi = (int)rng_below(&r, 6);
        for (int t = 0; t < 6 && (used_body >> bi & 1); t++)
          bi = (bi + 1) % 6;
        if (used_body >> bi & 1) {
          /* all six used: a background sentence with a fresh number */
          int yy, mm, dd;
          day_to_date(s->day > 30 ? s->day - 30 : 0, &yy, &mm, &dd);
          buf_printf(&a->text,
                     "%s%s had recorded %u similar cases since %s %d.",
                     si ? " " : "", s->agency,
                     (unsigned)(3 + rng_below(&r, 40)), month_name[mm - 1], dd);
          continue;
        }
        used_body |= 1 << bi;
        if (si)
          buf_puts(&a->text, " ");
        start = a->text.len;
        expand(&a->text, k->body[bi], &c);
        case_fix(&a->text, start, 0);
      }
    }
  }
  if (variant == V_SYNDICATED) {
    /* trimmed ending: drop the last one or two paragraphs */
    int drop = 1 + (int)rng_below(&hr, 2);
    for (int i = 0; i < drop; i++) {
      char *cut = NULL;
      for (size_t j = a->text.len; j >= 2; j--)
        if (a->text.p[j - 1] == '\n' && a->text.p[j - 2] == '\n') {
          cut = a->text.p + j - 2;
          break;
        }
      if (!cut || cut - a->text.p < 200)
        break;
      a->text.len = (size_t)(cut - a->text.p);
      a->text.p[a->text.len] = '\0';
    }
  }
  if (variant == V_UPDATE) {
    rng ur = rng_make(seed, s->id, 4000 + seq);
    buf_printf(&a->text,
               "\n\nThis article was updated on %s with the latest figures: "
               "%s now puts the number affected at %ld.",
               day_weekday(pub_day), s->agency,
               s->n1 + 1 + (long)rng_below(&ur, 500));
  }
  if (voice->signoff)
    buf_printf(&a->text, " %s", voice->signoff);
}

/* ---- writers --------------------------------------------------------------
 */

static void json_str(buf *b, const char *s, size_t n) {
  buf_grow(b, n + 2);
  buf_add(b, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '"' || ch == '\\' || ch < 0x20) {
      buf_add(b, s + run, i - run);
      run = i + 1;
      if (ch == '"')
        buf_add(b, "\\\"", 2);
      else if (ch == '\\')
        buf_add(b, "\\\\", 2);
      else if (ch == '\n')
        buf_add(b, "\\n", 2);
      else
        buf_printf(b, "\\u%04x", ch);
    }
  }
  buf_add(b, s + run, n - run);
  buf_add(b, "\"", 1);
}

static void html_str(buf *b, const char *s, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    const char *rep = NULL;
    switch (s[i]) {
    case '&':
      rep = "&amp;";
      break;
    case '<':
      rep = "&lt;";
      break;
    case '>':
      rep = "&gt;";
      break;
    case '"':
      rep = "&quot;";
      break;
    default:
      break;
    }
    if (rep) {
      buf_add(b, s + run, i - run);
      buf_puts(b, rep);
      run = i + 1;
    }
  }
  buf_add(b, s + run, n - run);
}

static void emit_jsonl(buf *out, const article *a) {
  buf_puts(out, "{\"id\":");
  json_str(out, a->id, strlen(a->id));
  buf_puts(out, ",\"title\":");
  json_str(out, a->title.p, a->title.len);
  buf_puts(out, ",\"text\":");
  json_str(out, a->text.p, a->text.len);
  buf_puts(out, ",\"published\":");
  json_str(out, a->date, strlen(a->date));
  buf_puts(out, ",\"outlet\":");
  json_str(out, a->o->name, strlen(a->o->name));
  buf_puts(out, ",\"url\":");
  json_str(out, a->url, strlen(a->url));
  buf_puts(out, "}\n");
}

/* The seeds' shape: " date YYYY-MM-DD City: " and the first paragraph on
 * the header line, then blank-line separated paragraphs. */
static void emit_text(buf *out, const article *a) {
  buf_printf(out, " date %s ", a->day_only);
  if (a->o->dateline_caps) {
    for (const char *p = a->dateline; *p; p++) {
      char ch = *p;
      buf_add(out, ch >= 'a' && ch <= 'z' ? &(char){(char)(ch - 32)} : p, 1);
    }
    buf_puts(out, " – ");
  } else {
    buf_printf(out, "%s: ", a->dateline);
  }
  buf_add(out, a->text.p, a->text.len);
  buf_puts(out, "\n");
}

static void emit_html(buf *out, const article *a) {
  buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
                "charset=\"utf-8\">\n<title>");
  html_str(out, a->title.p, a->title.len);
  buf_printf(out, " | %s</title>\n", a->o->name);
  buf_puts(out, "<meta property=\"og:title\" content=\"");
  html_str(out, a->title.p, a->title.len);
  buf_printf(out,
             "\">\n<meta property=\"og:site_name\" content=\"%s\">\n"
             "<meta property=\"article:published_time\" content=\"%s\">\n"
             "<link rel=\"canonical\" href=\"%s\">\n</head>\n<body>\n"
             "<header class=\"site-header\"><a href=\"/\">%s</a><nav><ul>"
             "<li><a href=\"/news\">News</a></li><li><a href=\"/world\">"
             "World</a></li><li><a href=\"/business\">Business</a></li>"
             "<li><a href=\"/sport\">Sport</a></li></ul></nav>"
             "<a class=\"subscribe\" href=\"/subscribe\">Subscribe</a>"
             "</header>\n<main>\n<article>\n<h1>",
             a->o->name, a->date, a->url, a->o->name);
  html_str(out, a->title.p, a->title.len);
  buf_printf(out,
             "</h1>\n<p class=\"byline\">By %s staff, <time "
             "datetime=\"%s\">%s</time></p>\n",
             a->o->name, a->date, a->day_only);
  const char *p = a->text.p, *end = a->text.p + a->text.len;
  int first = 1;
  while (p < end) {
    const char *q = strstr(p, "\n\n");
    if (!q)
      q = end;
    buf_puts(out, "<p>");
    if (first) {
      buf_printf(out, "%s – ", a->dateline);
      first = 0;
    }
    html_str(out, p, (size_t)(q - p));
    buf_puts(out, "</p>\n");
    p = q < end ? q + 2 : end;
  }
  buf_puts(out, "</article>\n<aside class=\"related\"><h2>Most read</h2><ul>"
                "<li><a href=\"/a/1\">Weather warning for the weekend</a></li>"
                "<li><a href=\"/a/2\">Markets close higher</a></li>"
                "<li><a href=\"/a/3\">Puzzle of the day</a></li></ul></aside>\n"
                "</main>\n<footer><p>Share this article</p><p>&copy; ");
  buf_printf(out, "%s. All rights reserved.</p></footer>\n</body></html>\n",
             a->o->name);
}

/* ---- the plan: which story each article belongs to, and when ------------- */

typedef struct slot {
  uint32_t story; /* story rank */
  uint32_t nth;   /* article's index within its story, in time order */
  int32_t day;
  int32_t secs;
  uint64_t seq; /* output order, after sorting */
} slot;

static int slot_cmp(const void *x, const void *y) {
  const slot *a = x, *b = y;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  if (a->secs != b->secs)
    return a->secs < b->secs ? -1 : 1;
  if (a->story != b->story)
    return a->story < b->story ? -1 : 1;
  return a->nth < b->nth ? -1 : a->nth > b->nth;
}

static int parse_long(const char *s, long *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < 0)
    return 0;
  *out = v;
  return 1;
}

static void usage(void) {
  fputs("usage: cw-gen --count N [--seed S] [--format jsonl|text|html] "
        "[--dir DIR]\n",
        stderr);
  exit(2);
}

int main(int argc, char **argv) {
  long count = -1, seed = 1;
  const char *format = "jsonl", *dir = NULL;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(arg, "--count") && val && parse_long(val, &count))
      i++;
    else if (!strcmp(arg, "--seed") && val && parse_long(val, &seed))
      i++;
    else if (!strcmp(arg, "--format") && val)
      format = argv[++i];
    else if (!strcmp(arg, "--dir") && val)
      dir = argv[++i];
    else
      usage();
  }
  int fmt = !strcmp(format, "jsonl")  ? 0
            : !strcmp(format, "text") ? 1
            : !strcmp(format, "html") ? 2
                                      : -1;
  if (count < 0 || count > GEN_MAX_COUNT || fmt < 0)
    usage();
  if (dir && mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "cw-gen: %s: cannot create directory\n", dir);
    return 1;
  }

  /* story sizes: Zipf-Mandelbrot over n_stories ranks via a CDF */
  size_t n = (size_t)count;
  size_t n_stories = (size_t)((double)n * GEN_STORIES_PER_ARTICLE) + 1;
  double *cdf = malloc(n_stories * sizeof *cdf);
  slot *plan = malloc((n ? n : 1) * sizeof *plan);
  uint32_t *per_story = calloc(n_stories, sizeof *per_story);
  int *story_day = malloc(n_stories * sizeof *story_day);
  if (!cdf || !plan || !per_story || !story_day) {
    fputs("cw-gen: out of memory\n", stderr);
    return 1;
  }
  double total = 0;
  for (size_t k = 0; k < n_stories; k++) {
    total += 1.0 / pow((double)k + 1 + GEN_ZIPF_Q, GEN_ZIPF_S);
    cdf[k] = total;
  }
  rng pr = rng_make((uint64_t)seed, 0, 0);
  for (size_t k = 0; k < n_stories; k++)
    story_day[k] = (int)rng_below(&pr, 365);
  for (size_t i = 0; i < n; i++) {
    double u = rng_unit(&pr) * total;
    size_t lo = 0, hi = n_stories - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (cdf[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
    /* big stories run for weeks, small ones for a day or two */
    uint32_t spread = lo < 20 ? 40 : lo < 200 ? 10 : 3;
    int off = (int)(rng_below(&pr, spread) * rng_below(&pr, spread) / spread);
    plan[i].story = (uint32_t)lo;
    plan[i].nth = per_story[lo]++;
    plan[i].day = story_day[lo] + off;
    plan[i].secs = 6 * 3600 + (int)rng_below(&pr, 16 * 3600);
  }
  /* the first article of a story is its first in time */
  for (size_t i = 0; i < n; i++)
    if (plan[i].nth == 0)
      plan[i].day = story_day[plan[i].story], plan[i].secs = 5 * 3600;
  qsort(plan, n, sizeof *plan, slot_cmp);
  memset(per_story, 0, n_stories * sizeof *per_story);

  buf out = {0};
  article a;
  memset(&a, 0, sizeof a);
  for (size_t i = 0; i < n; i++) {
    story s;
    uint32_t k = plan[i].story;
    uint32_t nth = per_story[k]++;
    make_story((uint64_t)seed, k, story_day[k], &s);
    rng vr = rng_make((uint64_t)seed, k, 5000 + i);
    int variant = V_ORIGINAL;
    const outlet *o;
    if (nth == 0) {
      /* a story opens with the wire or a local outlet */
      o = rng_below(&vr, 2)
              ? &outlets[k % N_WIRES]
              : &outlets[N_WIRES + rng_below(&vr, N_OUTLETS - N_WIRES)];
    } else {
      uint32_t roll = rng_below(&vr, 100);
      o = &outlets[N_WIRES + rng_below(&vr, N_OUTLETS - N_WIRES)];
      if (roll < 25)
        variant = V_SYNDICATED;
      else if (roll < 32)
        variant = V_UPDATE;
    }
    write_article((uint64_t)seed, &s, o, variant, i, plan[i].day, plan[i].secs,
                  &a);
    if (fmt == 0)
      emit_jsonl(&out, &a);
    else if (fmt == 1)
      emit_text(&out, &a);
    else
      emit_html(&out, &a);
    if (dir) {
      char path[4096];
      snprintf(path, sizeof path, "%s/%08zu.%s", dir, i,
               fmt == 0   ? "jsonl"
               : fmt == 1 ? "txt"
                          : "html");
      FILE *f = fopen(path, "wb");
      if (!f || fwrite(out.p, 1, out.len, f) != out.len || fclose(f)) {
        fprintf(stderr, "cw-gen: %s: cannot write\n", path);
        return 1;
      }
      out.len = 0;
    } else {
      if (fmt && i + 1 < n)
        buf_puts(&out, "\f\n");
      if (out.len > (1 << 20) || i + 1 == n) {
        if (fwrite(out.p, 1, out.len, stdout) != out.len) {
          fputs("cw-gen: cannot write output\n", stderr);
          return 1;
        }
        out.len = 0;
      }
    }
  }
  if (fflush(stdout) != 0)
    return 1;
  free(out.p);
  free(a.title.p);
  free(a.text.p);
  free(cdf);
  free(plan);
  free(per_story);
  free(story_day);
  return 0;
}
