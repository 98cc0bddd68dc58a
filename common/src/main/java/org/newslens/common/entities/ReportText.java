package org.newslens.common.entities;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the CRF, trained on newswire, gets wrong on report text (CRS reports, NRC event reports,
 * DoD contract notices): title-case headings, captions, equipment and programme names read as
 * organisations ("Emergency Diesel Generators", "ARV Prototype Evaluation", "Renewable Fuel
 * Standard"), a role after an agency read as one organisation ("NRC Resident Inspector"), the town
 * of "Warren, Michigan" read as a person, bill numbers ("S. 593") read as places and table cells
 * run together. Measured on the hand-checked report gold set (data-samples/eval/report-gold.jsonl)
 * and checked not to cost F1 on CoNLL-2003.
 */
final class ReportText {

  /** Last words that make a phrase an organisation's name. */
  private static final Set<String> ORG_HEADS = Set.of(
      "agency", "administration", "department", "command", "center", "centre", "laboratory", "laboratories", "lab",
      "office", "committee", "subcommittee", "council", "commission", "corps", "force", "forces", "service",
      "services", "institute", "university", "college", "school", "academy", "company", "co", "corp", "corporation",
      "inc", "incorporated", "llc", "ltd", "limited", "plc", "lp", "group", "board", "bureau", "authority",
      "association", "organization", "organisation", "ministry", "court", "navy", "army", "guard", "police",
      "party", "bank", "fund", "foundation", "society", "union", "federation", "alliance", "coalition",
      "industries", "systems", "technologies", "partners", "holdings", "enterprises", "associates", "energy",
      "electric", "utilities", "utility", "house", "senate", "congress", "parliament", "assembly", "government",
      "directorate", "division", "squadron", "wing", "regiment", "battalion", "brigade", "fleet", "team", "club",
      "network", "times", "post", "news", "press", "journal", "agencies", "nations", "reserve", "secretariat");

  /** Last words of programmes, rules, equipment, events and data: not organisations. */
  private static final Set<String> NON_ORG_HEADS = Set.of(
      "program", "programs", "programme", "initiative", "standard", "standards", "act", "rule", "rules",
      "regulation", "regulations", "charge", "credit", "credits", "capability", "capabilities", "event", "events",
      "actions", "plan", "project", "strategy", "report", "evaluation", "assessment", "data", "mining",
      "generator", "generators", "pump", "pumps", "valve", "valves", "rod", "rods", "activations", "activation",
      "intelligence", "technology", "operations", "operation", "requirement", "requirements",
      "specification", "specifications", "returns", "received", "beneficiaries", "benefits", "features",
      "modernization", "fielding", "conflict", "design", "prototype", "system", "vehicle", "vehicles",
      "superiority", "emissions", "summary", "overview", "background", "figure", "table", "notes", "sources",
      "room", "zone", "area", "sump", "siren", "sirens", "record", "tank", "tanks", "line", "lines", "loop", "loops",
      "bus", "breaker", "breakers", "panel", "header", "channel", "circuit", "relay", "relays", "switch",
      "transformer", "feedwater", "condenser", "probe", "instrument", "instruments", "chloride", "acid",
      "procedure", "procedures", "test", "tests", "analysis", "analyses", "condition", "limit", "limits",
      "level", "pressure", "temperature", "flow", "signal", "signals", "building", "water", "injection", "inlet",
      "bypass", "separator", "drain", "drains", "outfall", "conditioning", "ventilation", "hvac", "occurrence",
      "nitrogen", "source", "purge", "mode", "turbine", "cooling", "coolant", "heater", "heaters", "fan", "fans",
      "damper", "dampers", "battery", "batteries", "scout", "supplement", "repository", "tracking", "switchgear",
      "monitor", "monitors", "ships", "buildings", "units");

  /**
   * Words that alone name no one body, whatever the CRF reads: "permitted Commonwealth and Federal
   * effluent limits".
   */
  private static final Set<String> NOT_ALONE = Set.of(
      "federal", "commonwealth", "state", "states", "national", "international", "regional", "local", "central");

  /** A kind of place that alone refers back to a named one, "the Strait" after "the Strait of Hormuz": not a name. */
  private static final Set<String> PLACE_KINDS = Set.of(
      "strait", "straits", "canal", "river", "sea", "bay", "lake", "island", "peninsula", "channel", "basin");

  /** First words that make a phrase a count of things, not a name: "Both Units". */
  private static final Set<String> QUANTIFIERS = Set.of("both", "each", "every", "several", "these", "those", "such");

  /** One word in lower-case letters only. */
  private static final Pattern LOWER_CASE_WORD = Pattern.compile("\\p{Ll}+");

  /** A capitalised abstract noun read as a person: "Reportability", "Operable". */
  private static final Pattern ABSTRACT_NOUN = Pattern.compile("\\p{Lu}\\p{Ll}{2,}(?:ability|ibility|able|ible|tion|sion)");

  /**
   * Last words of an institution's name, so never a place's: "U.S. Military Academy" read as a
   * place is the academy. Narrower than {@link #ORG_HEADS}: "White House", "Washington Post",
   * "Supreme Court" stay as the CRF reads them.
   */
  private static final Set<String> INSTITUTION_HEADS = Set.of(
      "academy", "agency", "administration", "department", "laboratory", "laboratories", "committee", "commission",
      "institute", "university", "college", "ministry", "bureau", "association", "corporation", "corp", "inc", "llc",
      "ltd", "company");

  /**
   * Last words of a street's or a township's name, so never an organisation's: "Orleans Avenue".
   * Not "bay": "Tampa Bay" and "Green Bay" are teams.
   */
  private static final Set<String> PLACE_HEADS = Set.of(
      "avenue", "street", "road", "boulevard", "highway", "township", "creek", "river", "lake", "island", "islands",
      "peninsula", "mountains", "counties");

  /** Roles after an organisation: "NRC Resident Inspector" is the NRC and a role. */
  private static final Set<String> ROLES = Set.of(
      "inspector", "inspectors", "officer", "officers", "director", "administrator", "chairman", "spokesman",
      "spokeswoman", "spokesperson", "secretary", "official", "officials", "staff", "personnel", "representative",
      "headquarters", "resident");

  /** Technical words and acronyms of report text that are never a name (resources, not-names.txt). */
  private static final Set<String> NOT_NAMES = loadNotNames();

  /** U.S. postal codes of states: "Newberry County, SC". */
  private static final Set<String> POSTAL = Set.of(
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
      "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
      "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC");

  private static final Set<String> FUNCTION_WORDS = Set.of("of", "and", "the", "for", "on", "in", "to", "a", "an", "&");

  static final Set<String> US_STATES = Set.of(
      "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
      "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
      "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
      "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
      "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
      "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "District of Columbia",
      "Puerto Rico", "Guam");

  /** The news agencies' abbreviations of the states: "Liberty Global Logistics, LLC., Lake Success, N.Y., has been awarded". */
  static final Set<String> STATE_ABBREVIATIONS = Set.of(
      "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.", "Kans.", "Ky.", "La.",
      "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.",
      "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Tex.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.", "D.C.");

  /** "S. 593", "H.R. 1346", "H.Res. 375": a bill, not a place. */
  private static final Pattern BILL = Pattern.compile("(?:S|H\\.?R|H\\.?\\s?Res|S\\.?\\s?Res|H\\.?J\\.?\\s?Res|P\\.?L)\\.?");
  private static final Pattern DEFINITION = Pattern.compile("\\(([A-Z]{2,6})\\)");
  /** Company suffixes: "Inc.", "LLC", "Corp."... */
  private static final String COMPANY_SUFFIXES = "Inc|LLC|L\\.L\\.C|Co|Corp|Ltd|L\\.P|LP|PLC";
  /** A suffix the CRF cut off a company's name: "Black River Systems Co" + "Inc.". */
  private static final Pattern SUFFIX = Pattern.compile("(?:" + COMPANY_SUFFIXES + "|plc)\\.?");
  /** A contractor's name that ends in a company suffix (joint ventures' "JV" and partnerships' "LLP" too). */
  private static final Pattern SUFFIX_END = Pattern.compile("\\b(?:" + COMPANY_SUFFIXES + "|LLP|JV)\\.?$");
  private static final Pattern GAP = Pattern.compile("[.,]?\\s?");
  private static final Pattern ORDINAL = Pattern.compile("(?<![\\p{L}\\p{N}])\\d+(?:st|nd|rd|th)\\s$");
  private static final Pattern NUMBER_AFTER = Pattern.compile("\\s?\\d");
  private static final Pattern PROVISION = Pattern.compile("(?:Subpart|Section|Part|Title|Article|Chapter|Appendix|Table|Figure|Annex)\\b");
  /** "MQ-8C Fire Scout", "MEUAS II-B": a system's designation inside the phrase. */
  private static final Pattern DESIGNATION = Pattern.compile("\\b(?:[A-Z]{1,5}-\\d+[A-Z]?|[IVX]{1,4}-[A-Z])\\b");
  private static final Pattern OFFICE_OF = Pattern.compile(
      "(?:(?:Some|Several|Many|Other|All) )?(?:Chief of Staff|Secretary|Secretaries|Chairman|Director|Administrator|Minister|Members?) of (?:the )?(?=[A-Z])");
  private static final Pattern VERB_FORM = Pattern.compile("[A-Z][a-z]{3,}(?:[a-rt-z]ted|ied|ized|ised|ated|cted)|[A-Z][a-z]{6,}(?:ating|izing|ising|ucting)");
  private static final Pattern JOINT = Pattern.compile(" (?:/|or) (?=[A-Z])");
  /** "U.S. District Court for the Eastern District of Louisiana": one court, not a country, a district and a state. */
  private static final Pattern COURT = Pattern.compile(
      "(?:U\\.S\\.|United States) (?:District |Bankruptcy |Circuit )?Court (?:of Appeals )?for the (?:[A-Z][a-z]+ )?(?:District|Circuit) of (?:[A-Z][a-z]+ ?){1,2}\\b");
  /**
   * "The Commonwealth of Pennsylvania was notified": the state's government, one organisation,
   * not "Commonwealth" and a place. Only the U.S. commonwealths, so "Commonwealth of Independent
   * States" and "of Australia" stay as the CRF reads them.
   */
  private static final Pattern COMMONWEALTH = Pattern.compile(
      "\\bCommonwealth of (?:Pennsylvania|Massachusetts|Virginia|Kentucky|Puerto Rico|the Northern Mariana Islands)\\b");
  /**
   * A contractor of a contract notice: "Burns & McDonnell Engineering Co., Kansas City, Missouri,
   * was awarded", "Raymond Pond Solution 8A II JV LLC,* Conyers, Georgia (W91278-18-D-0037); ...":
   * the name runs from the start of a line, sentence or list item to the comma before its city
   * and state, and is followed by the award ("was awarded", "will compete") or the next item of
   * the list of awardees.
   */
  private static final Pattern CONTRACTOR = Pattern.compile(
      "(?:^|(?<=[;\\n] |\\. |\\n|; and ))(?:The )?(?<name>[A-Z0-9][^;\\n]{1,120}?),\\*? (?<city>[A-Z][\\p{L}.'-]*(?: [A-Z][\\p{L}.'-]*){0,3}),"
          + " (?<state>[A-Z][a-z]+(?: (?:of )?[A-Z][a-z]+)?|[A-Z][a-z]{1,4}\\.|(?:[A-Z]\\.){2}|W\\.Va\\.)(?: \\([A-Z0-9-]{6,30}\\))?(?=,? (?:[a-z-]+ ){0,3}(?:awarded|compete)\\b|;)");
  /** What a contractor's line says after the name, and the line ends it must come before. */
  private static final Pattern AWARD = Pattern.compile("awarded|contract");
  private static final Pattern LINE = Pattern.compile("\n");
  /** Lower-case words a contractor's name may hold. */
  private static final Set<String> NAME_FUNCTION_WORDS = Set.of("of", "and", "the", "for", "de", "&");
  private static final Pattern COUNTIES_AFTER = Pattern.compile("(?:,? (?:and )?[A-Z][a-z]+)* [Cc]ount(?:y|ies)\\b");
  private static final Pattern STATE_AFTER = Pattern.compile(
      ",\\s+([A-Z][a-z]{1,4}\\.|(?:[A-Z]\\.){2}|W\\.Va\\.|[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?(?: of [A-Z][a-z]+)?\\b)");

  private ReportText() {}

  /** A kept CRF mention, possibly retyped or trimmed, or null to drop it. */
  static Mention check(String text, Mention m, MentionResolver.Words words) {
    if (!wellFormed(text, m)) {
      return null;
    }
    Mention out = checkWords(text, m, words);
    // A trimmed mention ("Both Unit 2" → "Both") is checked against the list again.
    return out == null || out != m && NOT_NAMES.contains(out.surface()) ? null : out;
  }

  /**
   * Whether a mention of any recogniser can be a name where it stands: not across a line break,
   * a table cell or a bracket, not starting inside a word, not a ship's or case's name in italics.
   */
  static boolean wellFormed(String text, Mention m) {
    String s = m.surface();
    return s.indexOf('|') < 0 && s.indexOf('\n') < 0 && s.indexOf('[') < 0 && s.indexOf(']') < 0 && !italic(text, m)
        && !glued(text, m);
  }

  private static Mention checkWords(String text, Mention m, MentionResolver.Words words) {
    String s = m.surface();
    if (m.entityId() == null && LOWER_CASE_WORD.matcher(s).matches()) {
      // "psi", "cfm": a unit or a term in lower case is no name ("al-Shabaab" has a capital).
      return null;
    }
    Mention state = stateCutShort(text, m);
    if (state != m) {
      return checkWords(text, state, words);
    }
    var joint = JOINT.matcher(s);
    if (m.type() == EntityType.ORG && m.entityId() == null && joint.find()) {
      // "Interior or Commerce", "… Homeland Security / Georgia Emergency Management Agency": two
      // names; the first stands.
      return checkWords(text, span(text, m, m.begin(), m.begin() + joint.start()), words);
    }
    if (m.entityId() == null && m.type() != EntityType.MISC && (NOT_NAMES.contains(s) || technicalFirst(s) && m.type() != EntityType.PERSON)) {
      return null;
    }
    if (m.type() == EntityType.PERSON && m.entityId() == null && s.length() >= 3 && acronym(s) && words.inParentheses(s)) {
      // "Research Reactor (MURR) ... MURR was shut down": an acronym the text defines names a
      // body or a facility, not a person.
      return retype(m, EntityType.ORG);
    }
    if (BILL.matcher(s).matches()
        && NUMBER_AFTER.matcher(text).region(m.end(), text.length()).lookingAt()) {
      return null;
    }
    if ((m.type() == EntityType.PERSON || m.type() == EntityType.ORG) && !orgHead(s)
        && (beforeState(text, m) || POSTAL.contains(s) && text.startsWith(", ", Math.max(0, m.begin() - 2))
            || COUNTIES_AFTER.matcher(text).region(m.end(), text.length()).lookingAt())) {
      return retype(m, EntityType.LOCATION);
    }
    if (m.entityId() == null && VERB_FORM.matcher(s).matches()) {
      // "New, Reconstructed, and Modified Sources", "Facilitating": a title's verb, not a name.
      return null;
    }
    if (m.entityId() == null && m.type() == EntityType.ORG && s.indexOf(' ') < 0 && !acronym(s)
        && (NON_ORG_HEADS.contains(s.toLowerCase(Locale.ROOT)) || NOT_ALONE.contains(s.toLowerCase(Locale.ROOT)))) {
      // "Outfall", "Purge": one capitalised word of plant equipment or a document, not a body.
      return null;
    }
    if (m.entityId() == null && (m.type() == EntityType.PERSON && ABSTRACT_NOUN.matcher(s).matches()
        || m.type() == EntityType.LOCATION && PLACE_KINDS.contains(s.toLowerCase(Locale.ROOT)))) {
      return null;
    }
    if (m.entityId() != null || s.indexOf(' ') < 0) {
      return m;
    }
    String[] w = s.split("\\s+");
    String last = w[w.length - 1].toLowerCase(Locale.ROOT);
    if (QUANTIFIERS.contains(w[0].toLowerCase(Locale.ROOT))) {
      return null;
    }
    if (m.type() == EntityType.LOCATION && INSTITUTION_HEADS.contains(last.replaceAll("[^\\p{L}]", ""))) {
      return retype(m, EntityType.ORG);
    }
    if (m.type() == EntityType.ORG && PLACE_HEADS.contains(last)) {
      return retype(m, EntityType.LOCATION);
    }
    if (m.type() == EntityType.LOCATION) {
      // "Main Condenser", "Technical Specification": equipment and documents, not places.
      return NON_ORG_HEADS.contains(last) ? null : m;
    }
    if (m.type() == EntityType.PERSON) {
      // "Steam Generator", "Containment Atmospheric Control": the CRF's people in plant reports.
      return NON_ORG_HEADS.contains(last) || commonPhrase(w, words) ? null : m;
    }
    if (m.type() != EntityType.ORG) {
      return m;
    }
    if (PROVISION.matcher(s).lookingAt() || DESIGNATION.matcher(s).find() && !orgHead(s)) {
      return null;
    }
    var office = OFFICE_OF.matcher(s);
    if (office.lookingAt()) {
      // "Secretaries of Agriculture": the department.
      return span(text, m, m.begin() + office.end(), m.end());
    }
    if (ROLES.contains(last) || s.endsWith(" Operations Center") && acronym(w[0]) && w.length == 3) {
      // "NRC Resident Inspector": the agency stands, the role goes; "Nuclear Duty Officer" is a role.
      return acronym(w[0]) ? span(text, m, m.begin(), m.begin() + w[0].length()) : null;
    }
    if (last.equals("unit") && NUMBER_AFTER.matcher(text).region(m.end(), text.length()).lookingAt()) {
      // "VC Summer Unit 1": the plant.
      return span(text, m, m.begin(), m.begin() + s.lastIndexOf(' '));
    }
    if (orgHead(s)) {
      return m;
    }
    return NON_ORG_HEADS.contains(last) || commonPhrase(w, words) ? null : m;
  }

  /**
   * A mention the CRF began one word into a state's name, "Hampshire DES" after "New": the
   * mention from the state's first word on; otherwise the mention itself.
   */
  private static Mention stateCutShort(String text, Mention m) {
    String s = m.surface();
    for (String state : US_STATES) {
      int space = state.indexOf(' ');
      if (space > 0 && s.startsWith(state.substring(space + 1)) && (s.length() == state.length() - space - 1
          || !Character.isLetter(s.charAt(state.length() - space - 1)))) {
        String head = state.substring(0, space + 1);
        if (m.begin() >= head.length() && text.startsWith(head, m.begin() - head.length())
            && (m.begin() == head.length() || !Character.isLetter(text.charAt(m.begin() - head.length() - 1)))) {
          return span(text, m, m.begin() - head.length(), m.end());
        }
      }
    }
    return m;
  }

  /** "HPCI Turbine Inlet": a phrase led by a technical acronym. */
  private static boolean technicalFirst(String s) {
    String first = s.split("\\s+")[0];
    return acronym(first) && NOT_NAMES.contains(first);
  }

  /** Whether the list of technical words holds this exact surface. */
  static boolean notName(String surface) {
    return NOT_NAMES.contains(surface);
  }

  /** A mention that starts inside a word or a number ("6.9KV Shutdown Board"). */
  private static boolean glued(String text, Mention m) {
    return m.begin() > 0 && Character.isLetterOrDigit(text.charAt(m.begin() - 1))
        || m.end() + 1 < text.length() && text.charAt(m.end()) == '-' && Character.isDigit(text.charAt(m.end() + 1));
  }

  /** Between markdown underscores, "_APL Eagle_": a ship's, a publication's or a case's name. */
  private static boolean italic(String text, Mention m) {
    int b = m.begin() - 1;
    int e = m.end();
    while (e < text.length() && text.charAt(e) == ' ') {
      e++;
    }
    return b >= 0 && e < text.length() && text.charAt(b) == '_' && text.charAt(e) == '_';
  }

  /**
   * A title-case phrase that names a thing, not an organisation: its last word is a programme,
   * rule or equipment word, or every word but acronyms is written in lower case elsewhere in the
   * document ("Emergency Diesel Generators" where the report says "emergency diesel generator").
   */
  static boolean termPhrase(String phrase, MentionResolver.Words words) {
    String[] w = phrase.strip().split("\\s+");
    if (w.length < 2 || orgHead(phrase)) {
      return false;
    }
    return NON_ORG_HEADS.contains(w[w.length - 1].toLowerCase(Locale.ROOT)) || commonPhrase(w, words);
  }

  /**
   * Acronyms the document defines after a phrase that is not a name the recognisers kept:
   * "Emergency Diesel Generators (EDG)", "F-35 In-A-Box (FIAB)", "Notification of Unusual Event
   * (NOUE)". The CRF reads such acronyms as organisations wherever they occur. Acronyms the
   * gazetteer knows are left alone.
   */
  static void addUnnamedAcronyms(String text, List<Mention> kept, Gazetteer gazetteer, Set<String> out) {
    Set<Integer> nameEnds = new HashSet<>();
    kept.forEach(m -> nameEnds.add(m.end()));
    var def = DEFINITION.matcher(text);
    while (def.find()) {
      String acronym = def.group(1);
      int end = def.start();
      while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      if (!nameEnds.contains(end) && gazetteer.byAlias(acronym).isEmpty() && definedByPhrase(text, end, acronym)) {
        out.add(acronym);
      }
    }
  }

  /** Whether the words before {@code end} on its line spell out {@code acronym}. */
  private static boolean definedByPhrase(String text, int end, String acronym) {
    String before = text.substring(Math.max(0, end - 100), end);
    String[] w = before.substring(before.lastIndexOf('\n') + 1).strip().split("\\s+");
    for (int from = w.length - 1; from >= 0 && from >= w.length - 8; from--) {
      if (!w[from].isEmpty() && Character.toUpperCase(w[from].charAt(0)) == acronym.charAt(0)
          && MentionResolver.initialsMatch(String.join(" ", Arrays.copyOfRange(w, from, w.length)), acronym)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Company names the CRF cut in two ("Black River Systems Co" and "Inc.") are one; a unit's
   * ordinal belongs to its name ("645th Aeronautical Systems Group").
   */
  static List<Mention> joinParts(String text, List<Mention> kept) {
    List<Mention> sorted = new ArrayList<>(kept);
    List<int[]> contractors = contractors(text);
    Set<Long> people = contractors.isEmpty() ? Set.of() : kept.stream().filter(m -> m.type() == EntityType.PERSON)
        .map(m -> spanKey(m.begin(), m.end())).collect(java.util.stream.Collectors.toSet());
    for (int[] name : contractors) {
      if (people.contains(spanKey(name[0], name[1]))) {
        continue; // "John Smith, Dallas, Texas, was awarded the medal": a person, as the CRF read it
      }
      asOneOrganisation(text, sorted, name[0], name[1]);
    }
    var court = COURT.matcher(text);
    while (court.find()) {
      int b = court.start();
      int e = court.end() - (text.charAt(court.end() - 1) == ' ' ? 1 : 0);
      asOneOrganisation(text, sorted, b, e);
    }
    var commonwealth = COMMONWEALTH.matcher(text);
    while (commonwealth.find()) {
      asOneOrganisation(text, sorted, commonwealth.start(), commonwealth.end());
    }
    sorted.sort(Comparator.comparingInt(Mention::begin));
    List<Mention> out = new ArrayList<>(sorted.size());
    for (Mention m : sorted) {
      Mention prev = out.isEmpty() ? null : out.get(out.size() - 1);
      if (prev != null && m.type() == EntityType.ORG && prev.type() == EntityType.ORG && SUFFIX.matcher(m.surface()).matches()
          && m.begin() - prev.end() <= 2 && GAP.matcher(text.substring(prev.end(), m.begin())).matches()) {
        out.set(out.size() - 1, span(text, prev, prev.begin(), m.end()));
        continue;
      }
      var ordinal = ORDINAL.matcher(text.substring(Math.max(0, m.begin() - 8), m.begin()));
      out.add(m.type() == EntityType.ORG && m.entityId() == null && ordinal.find()
          ? span(text, m, m.begin() - ordinal.group().length(), m.end()) : m);
    }
    return out;
  }

  /** [begin, end) as one key. */
  private static long spanKey(int begin, int end) {
    return ((long) begin << 32) | end;
  }

  /** Replaces every mention that overlaps [begin, end) by one organisation over that span. */
  private static void asOneOrganisation(String text, List<Mention> mentions, int begin, int end) {
    mentions.removeIf(m -> m.begin() < end && begin < m.end());
    mentions.add(new Mention(begin, end, text.substring(begin, end), EntityType.ORG, null, null, Mention.CRF, 0.8, "", "none"));
  }

  /**
   * The contractors' names of the contract notices in {@code text}, as [begin, end) spans. A name
   * of words that each start with a capital or a digit (or are "of", "and", "&"...) before a city
   * and a U.S. state, followed on its line by "awarded" or "contract". A company with its suffix, a
   * comma and a unit that has a suffix too or starts with the company's first word are two names
   * ("Lockheed Martin Corp., Lockheed Martin Aeronautics Co.", "The Boeing Co., Boeing Guidance
   * Repair Center"); otherwise the comma is part of the name ("Northrop Grumman Systems Corp.,
   * Military Aircraft Systems", "PCCP Constructors, JV").
   */
  static List<int[]> contractors(String text) {
    List<int[]> out = new ArrayList<>();
    var m = CONTRACTOR.matcher(text);
    int[] awards = null;
    int[] lines = null;
    int from = 0;
    while (from < text.length() && m.find(from)) {
      String name = m.group("name");
      if (awards == null) {
        awards = positions(text, AWARD);
        lines = positions(text, LINE);
      }
      int award = next(awards, m.end());
      if (!US_STATES.contains(m.group("state")) && !STATE_ABBREVIATIONS.contains(m.group("state")) || award == Integer.MAX_VALUE || award > next(lines, m.end()) || !capitalised(name)
          || US_STATES.contains(name)) {
        from = m.start() + 1; // a name may start inside what was rejected: "Work was done. PCCP Constructors, JV, ..."
        continue;
      }
      from = m.end();
      int begin = m.start("name");
      int comma = name.indexOf(", ");
      String company = name.substring(0, comma < 0 ? 0 : comma);
      String division = name.substring(comma + 2);
      if (comma > 0 && SUFFIX_END.matcher(company).find() && name.indexOf(", ", comma + 1) < 0
          && (SUFFIX_END.matcher(division).find() || division.startsWith(company.split(" ")[0] + " "))) {
        out.add(new int[] {begin, begin + comma});
        out.add(new int[] {begin + comma + 2, m.end("name")});
      } else {
        out.add(new int[] {begin, m.end("name")});
      }
    }
    return out;
  }

  /** Where {@code p} matches in {@code text}, in order. */
  private static int[] positions(String text, Pattern p) {
    return p.matcher(text).results().mapToInt(java.util.regex.MatchResult::start).toArray();
  }

  /** The first of the sorted {@code positions} at or after {@code at}, or the largest int. */
  private static int next(int[] positions, int at) {
    int i = java.util.Arrays.binarySearch(positions, at);
    i = i >= 0 ? i : -i - 1;
    return i < positions.length ? positions[i] : Integer.MAX_VALUE;
  }

  private static boolean capitalised(String name) {
    String[] words = name.split("[ ,/]+");
    if (words.length > 12) {
      return false;
    }
    for (String w : words) {
      if (!w.isEmpty() && !Character.isUpperCase(w.charAt(0)) && !Character.isDigit(w.charAt(0)) && !NAME_FUNCTION_WORDS.contains(w)) {
        return false;
      }
    }
    return true;
  }

  private static Mention span(String text, Mention m, int begin, int end) {
    return new Mention(begin, end, text.substring(begin, end), m.type(), null, null, m.method(), m.confidence(), "", "none");
  }

  /**
   * Every word but acronyms and function words is written in lower case elsewhere in the document;
   * or, in a phrase of three or more such words, two in three are and the last is.
   */
  private static boolean commonPhrase(String[] w, MentionResolver.Words words) {
    int content = 0;
    int common = 0;
    boolean lastCommon = false;
    for (String word : w) {
      String bare = word.replaceAll("[^\\p{L}\\p{N}'-]", "");
      String lower = bare.toLowerCase(Locale.ROOT);
      if (bare.isEmpty() || FUNCTION_WORDS.contains(lower) || acronym(bare)) {
        continue;
      }
      content++;
      lastCommon = words.contains(lower) || lower.endsWith("s") && words.contains(lower.substring(0, lower.length() - 1))
          || words.contains(lower + "s");
      common += lastCommon ? 1 : 0;
    }
    return content > 0 && (common == content || content >= 3 && lastCommon && 3 * common >= 2 * content);
  }

  private static boolean orgHead(String surface) {
    String[] w = surface.strip().split("\\s+");
    String last = w[w.length - 1].replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
    return ORG_HEADS.contains(last);
  }

  /** A word of two or more characters whose letters, at least one, are all capitals ("NRC", "F-35", "3M"). */
  static boolean acronym(String word) {
    return word.length() >= 2 && word.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)
        && word.chars().anyMatch(Character::isLetter);
  }

  /** "Warren, Michigan": a one- or two-word name right before a U.S. state is a town. */
  private static boolean beforeState(String text, Mention m) {
    if (m.surface().split("\\s+").length > 2) {
      return false;
    }
    var after = STATE_AFTER.matcher(text).region(m.end(), text.length());
    if (!after.lookingAt()) {
      return false;
    }
    String state = after.group(1);
    // "Texas." ends a sentence; "Tex." is the abbreviation
    return STATE_ABBREVIATIONS.contains(state) || US_STATES.contains(state.endsWith(".") ? state.substring(0, state.length() - 1) : state)
        || POSTAL.contains(state);
  }

  private static Set<String> loadNotNames() {
    try (var in = ReportText.class.getResourceAsStream("/org/newslens/gazetteer/not-names.txt")) {
      if (in == null) {
        throw new IllegalStateException("not-names.txt is missing from the classpath");
      }
      Set<String> out = new HashSet<>();
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      return Set.copyOf(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Mention retype(Mention m, EntityType type) {
    return new Mention(m.begin(), m.end(), m.surface(), type, null, null, m.method(), m.confidence(), "", "none");
  }
}
