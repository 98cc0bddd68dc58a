package org.newslens.common.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.newslens.common.entities.ResolverFixture.crf;
import static org.newslens.common.entities.ResolverFixture.resolve;

import org.junit.jupiter.api.Test;

class ReportTextTest {

  @Test
  void aTownBeforeAStateIsAPlaceNotAPerson() {
    String text = "Work will be performed in Marietta, Georgia, and Welch, MN, and Montgomery and Chester counties. "
        + "It ends in Tyler, Texas. Parts come from Bel Air, Md., and Sutton, Mass.";
    var out = resolve(text, crf(text, "Marietta", EntityType.PERSON), crf(text, "Welch", EntityType.PERSON),
        crf(text, "Montgomery", EntityType.PERSON), crf(text, "Tyler", EntityType.PERSON), crf(text, "Bel Air", EntityType.PERSON),
        crf(text, "Sutton", EntityType.PERSON));
    assertThat(out).extracting(Mention::surface, Mention::type)
        .contains(tuple("Marietta", EntityType.LOCATION), tuple("Welch", EntityType.LOCATION),
            tuple("Montgomery", EntityType.LOCATION), tuple("Tyler", EntityType.LOCATION), tuple("Bel Air", EntityType.LOCATION),
            tuple("Sutton", EntityType.LOCATION));
  }

  @Test
  void theLastWordOfANameDecidesBetweenAnInstitutionAndAPlace() {
    String text = "Cadets of the U.S. Military Academy surveyed Orleans Avenue and Alloways Creek Township; "
        + "the Tampa Bay won in Green Bay.";
    var out = resolve(text, crf(text, "U.S. Military Academy", EntityType.LOCATION), crf(text, "Orleans Avenue", EntityType.ORG),
        crf(text, "Alloways Creek Township", EntityType.ORG), crf(text, "Tampa Bay", EntityType.ORG),
        crf(text, "Green Bay", EntityType.LOCATION));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("U.S. Military Academy", EntityType.ORG),
        tuple("Orleans Avenue", EntityType.LOCATION), tuple("Alloways Creek Township", EntityType.LOCATION),
        tuple("Tampa Bay", EntityType.ORG), tuple("Green Bay", EntityType.LOCATION));
  }

  @Test
  void anAcronymTheTextDefinesIsNotAPerson() {
    String text = "The University of Missouri-Columbia Research Reactor (MURR) was shut down. MURR is at 10 MW. "
        + "SMITH said the LORD of the manor agreed.";
    int murr = text.indexOf("MURR is");
    // the long name's initials (U, M, C, R, R) do not spell the acronym, so it is not linked to it
    var out = resolve(text, crf(text, "University of Missouri-Columbia Research Reactor", EntityType.ORG),
        new Mention(murr, murr + 4, "MURR", EntityType.PERSON, null, null, Mention.CRF, 0.8, "", "none"),
        crf(text, "SMITH", EntityType.PERSON));
    assertThat(out).extracting(Mention::begin, Mention::type).contains(tuple(murr, EntityType.ORG));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("SMITH", EntityType.PERSON))
        .doesNotContain(tuple("MURR", EntityType.PERSON));
  }

  @Test
  void aUsCommonwealthIsItsGovernment() {
    String text = "The licensee notified the Commonwealth of Massachusetts and Plymouth. "
        + "Leaders of the Commonwealth of Independent States met.";
    var out = resolve(text, crf(text, "Commonwealth", EntityType.ORG), crf(text, "Massachusetts", EntityType.LOCATION),
        crf(text, "Plymouth", EntityType.LOCATION), crf(text, "Commonwealth of Independent States", EntityType.ORG));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("Commonwealth of Massachusetts", EntityType.ORG),
        tuple("Plymouth", EntityType.LOCATION), tuple("Commonwealth of Independent States", EntityType.ORG))
        .doesNotContain(tuple("Massachusetts", EntityType.LOCATION), tuple("Commonwealth", EntityType.ORG));
  }

  @Test
  void theWordsOfAWebAddressAreNotTheDocumentsProse() {
    String text = "The Army redesignated the vehicle (https://www.army.mil/news/us-army-plans-production). "
        + "Talks resumed; the talks were long.";
    var out = resolve(text, crf(text, "Army", EntityType.ORG), crf(text, "Talks", EntityType.ORG));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("Army", EntityType.ORG))
        .doesNotContain(tuple("Talks", EntityType.ORG));
  }

  @Test
  void aGovernmentNamedByItsLeaderIsThatPerson() {
    String text = "President Donald Trump spoke. The Trump Administration, the Federal Aviation Administration and "
        + "the Reagan Administration disagreed.";
    var out = resolve(text, crf(text, "Donald Trump", EntityType.PERSON), crf(text, "Trump Administration", EntityType.ORG),
        crf(text, "Federal Aviation Administration", EntityType.ORG), crf(text, "Reagan Administration", EntityType.ORG));
    int trump = text.indexOf("Trump Administration");
    assertThat(out).extracting(Mention::begin, Mention::surface, Mention::type).contains(tuple(trump, "Trump", EntityType.PERSON));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("Federal Aviation Administration", EntityType.ORG),
        // no person Reagan in this text: nothing says which reading is right, so the CRF's stands
        tuple("Reagan Administration", EntityType.ORG));
  }

  @Test
  void countiesArePlacesAndAStateCutShortIsWhole() {
    String text = "Sirens in Fairfield and Newberry Counties failed. The New Hampshire DES and the New York office were told.";
    var out = resolve(text, crf(text, "Newberry Counties", EntityType.ORG), crf(text, "Hampshire DES", EntityType.ORG),
        crf(text, "York", EntityType.LOCATION));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("Newberry Counties", EntityType.LOCATION),
        tuple("New Hampshire DES", EntityType.ORG), tuple("New York", EntityType.LOCATION))
        .doesNotContain(tuple("Hampshire DES", EntityType.ORG));
  }

  @Test
  void unitsCountsGenericWordsAndAbstractNounsAreNotNames() {
    String text = "Each Response Team met at 20 psi. Discharges stayed within Commonwealth and Federal limits. "
        + "Reportability was reviewed by Exelon and the Licensing Team. Ships left the Strait, not Hormuz, said al-Shabaab.";
    var out = resolve(text, crf(text, "Each Response Team", EntityType.ORG), crf(text, "psi", EntityType.ORG),
        crf(text, "Commonwealth", EntityType.ORG), crf(text, "Federal", EntityType.ORG), crf(text, "Reportability", EntityType.PERSON),
        crf(text, "Exelon", EntityType.ORG), crf(text, "Licensing Team", EntityType.ORG), crf(text, "Strait", EntityType.LOCATION),
        crf(text, "Hormuz", EntityType.LOCATION), crf(text, "al-Shabaab", EntityType.ORG));
    assertThat(out).extracting(Mention::surface).contains("Exelon", "Licensing Team", "Hormuz", "al-Shabaab")
        .doesNotContain("Each Response Team", "psi", "Commonwealth", "Federal", "Reportability", "Strait");
  }

  @Test
  void oneCapitalisedWordOfEquipmentIsNotAnOrganisation() {
    String text = "Flow through the Outfall stopped. The Purge was secured by Exelon.";
    var out = resolve(text, crf(text, "Outfall", EntityType.ORG), crf(text, "Purge", EntityType.ORG), crf(text, "Exelon", EntityType.ORG));
    assertThat(out).extracting(Mention::surface).contains("Exelon").doesNotContain("Outfall", "Purge");
  }

  @Test
  void equipmentTermsAndTheirAcronymsAreNotOrganisations() {
    String text = "All four Emergency Diesel Generators (EDG) started. The emergency diesel generator was tested. "
        + "EDG 2 was declared inoperable and the NRC Resident Inspector was notified.";
    var out = resolve(text, crf(text, "Emergency Diesel Generators", EntityType.ORG), crf(text, "EDG", EntityType.ORG),
        crf(text, "NRC Resident Inspector", EntityType.ORG));
    assertThat(out).extracting(Mention::surface).doesNotContain("Emergency Diesel Generators", "EDG", "NRC Resident Inspector");
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("NRC", EntityType.ORG));
  }

  @Test
  void anAgencyDefiningItsAcronymKeepsIt() {
    String text = "The Army Test and Evaluation Command (ATEC) will monitor the tests. ATEC reported in May.";
    var out = resolve(text, crf(text, "Army Test and Evaluation Command", EntityType.ORG));
    assertThat(out).extracting(Mention::surface, Mention::type)
        .contains(tuple("Army Test and Evaluation Command", EntityType.ORG), tuple("ATEC", EntityType.ORG));
  }

  @Test
  void billsProvisionsShipsAndCellsAreNotNames() {
    String text = "Bills propose sales (S. 593 and H.R. 1346) under Subpart W. The tanker _Stena Imperative_ left.\n"
        + "| Share of EEHIC Beneficiaries | Average";
    var out = resolve(text, crf(text, "S.", EntityType.LOCATION), crf(text, "H.R.", EntityType.LOCATION),
        crf(text, "Subpart W", EntityType.ORG), crf(text, "Stena Imperative", EntityType.PERSON),
        crf(text, "EEHIC Beneficiaries | Average", EntityType.ORG));
    assertThat(out).extracting(Mention::type).doesNotContain(EntityType.PERSON, EntityType.ORG, EntityType.LOCATION);
  }

  @Test
  void aCompanySuffixAndAUnitOrdinalBelongToTheName() {
    String text = "Black River Systems Co. Inc., Utica, New York, and the 645th Aeronautical Systems Group won.";
    var out = resolve(text, crf(text, "Black River Systems Co", EntityType.ORG), crf(text, "Inc.", EntityType.ORG),
        crf(text, "Aeronautical Systems Group", EntityType.ORG));
    assertThat(out).extracting(Mention::surface)
        .contains("Black River Systems Co. Inc.", "645th Aeronautical Systems Group")
        .doesNotContain("Inc.", "Aeronautical Systems Group");
  }

  @Test
  void newsNamesThatLookLikeTermsStand() {
    String text = "The Department of Defense and the West Bank talks; Manchester United won. The bank said the department would act.";
    var out = resolve(text, crf(text, "Department of Defense", EntityType.ORG), crf(text, "West Bank", EntityType.LOCATION),
        crf(text, "Manchester United", EntityType.ORG));
    assertThat(out).extracting(Mention::surface, Mention::type)
        .contains(tuple("Department of Defense", EntityType.ORG), tuple("West Bank", EntityType.LOCATION),
            tuple("Manchester United", EntityType.ORG));
  }

  @Test
  void titleVerbsLawNumbersAndDefinedTermsAreNotNames() {
    String text = "EPA, \"Standards for New, Reconstructed, and Modified Sources\" (P.L. 114-11). The agency must identify "
        + "_reasonable and prudent alternatives_ (RPAs). No RPAs exist. Islamic State of Iraq and the Levant fighters left.";
    var out = resolve(text, crf(text, "Reconstructed", EntityType.PERSON), crf(text, "P.L.", EntityType.PERSON),
        crf(text, "RPAs", EntityType.ORG), crf(text, "Levant", EntityType.PERSON), crf(text, "Iraq", EntityType.LOCATION));
    assertThat(out).extracting(Mention::type).doesNotContain(EntityType.PERSON);
    assertThat(out).extracting(Mention::surface).doesNotContain("RPAs", "Reconstructed", "P.L.")
        .contains("Islamic State of Iraq and the Levant");
  }

  private static java.util.List<String> contractors(String text) {
    return ReportText.contractors(text).stream().map(s -> text.substring(s[0], s[1])).toList();
  }

  @Test
  void contractorsOfContractNoticesAreWholeNames() {
    assertThat(contractors("Burns & McDonnell Engineering Co., Kansas City, Missouri, was awarded a $9,500,000 firm-fixed-price contract."))
        .containsExactly("Burns & McDonnell Engineering Co.");
    assertThat(contractors("The Boeing Co., St. Louis, Missouri, is awarded a $9,465,735 order.")).containsExactly("Boeing Co.");
    assertThat(contractors("Northrop Grumman Systems Corp., Military Aircraft Systems, Melbourne, Florida, is being awarded an order."))
        .containsExactly("Northrop Grumman Systems Corp., Military Aircraft Systems");
    assertThat(contractors("Raytheon Missile Systems, Tucson, Arizona, with has been awarded a modification.")).containsExactly("Raytheon Missile Systems");
    assertThat(contractors("Work was done. PCCP Constructors, JV, New Orleans, Louisiana, was awarded a $33,150,000 modification."))
        .containsExactly("PCCP Constructors, JV");
  }

  @Test
  void aContractorBeforeAnAbbreviatedStateIsWhole() {
    String text = "Liberty Global Logistics, LLC., Lake Success, N.Y., has been awarded an option modification.";
    assertThat(contractors(text)).containsExactly("Liberty Global Logistics, LLC.");
    var out = resolve(text, crf(text, "Liberty Global Logistics", EntityType.ORG), crf(text, "Lake Success", EntityType.ORG),
        crf(text, "N.Y.", EntityType.LOCATION));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("Liberty Global Logistics, LLC.", EntityType.ORG),
        tuple("Lake Success", EntityType.LOCATION), tuple("N.Y.", EntityType.LOCATION));
  }

  @Test
  void aCompanyAndItsNamedDivisionStayTwo() {
    assertThat(contractors("Lockheed Martin Corp., Lockheed Martin Aeronautics Co., Fort Worth, Texas, is awarded $24,076,058."))
        .containsExactly("Lockheed Martin Corp.", "Lockheed Martin Aeronautics Co.");
    assertThat(contractors("The Boeing Co., Boeing Guidance Repair Center, Heath, Ohio, has been awarded a contract."))
        .containsExactly("Boeing Co.", "Boeing Guidance Repair Center");
  }

  @Test
  void everyAwardeeOfAListIsOneName() {
    String text = "Bullock Tice Associates Inc.,* Pensacola, Florida (W91278-18-D-0032); Raymond Pond Solution 8A II JV LLC,* Conyers, "
        + "Georgia (W91278-18-D-0037); Sherlock, Smith & Adams/Clark Nexsen JV,* Montgomery, Alabama (W91278-18-D-0038); and "
        + "G.M. Hill Engineering Inc.,* Jacksonville, Florida (W91278-18-D-0045), will compete for each order of the $49,000,000 contract.";
    assertThat(contractors(text)).containsExactly("Bullock Tice Associates Inc.", "Raymond Pond Solution 8A II JV LLC",
        "Sherlock, Smith & Adams/Clark Nexsen JV", "G.M. Hill Engineering Inc.");
  }

  @Test
  void aLongListOnOneLineKeepsEveryAwardeeAndAListWithoutAnAwardHasNone() {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      list.append("Acme Number").append(i).append(" Corp., Dallas, Texas (W91278-18-D-").append(i).append("); ");
    }
    String awarded = list + "and Last Co., Austin, Texas (W91278-18-D-9999), will compete for each order of the contract.";
    assertThat(contractors(awarded)).hasSize(3_001).startsWith("Acme Number0 Corp.").endsWith("Last Co.");
    assertThat(contractors(list + "and Last Co., Austin, Texas (W91278-18-D-9999), were listed.\nA contract was awarded.")).isEmpty();
  }

  @Test
  void placesOfWorkAndContractingOfficesAreNotContractors() {
    assertThat(contractors("Work will be performed in Fort Worth, Texas (90 percent); and Marietta, Georgia (10 percent), and is "
        + "expected to be completed in September 2018. U.S. Army Corps of Engineers, Rock Island, Illinois, is the contracting activity. "
        + "Work will be performed in Dallas, Texas; Sunnyvale, California; and Troy, Alabama, under the awarded contract.")).isEmpty();
    assertThat(contractors("Officials in Kansas City, Missouri, were awarded a prize.")).isEmpty();
  }

  @Test
  void aContractorSplitByTheCrfComesOutAsOneOrganisation() {
    String text = "Burns & McDonnell Engineering Co., Kansas City, Missouri, was awarded a $9,500,000 firm-fixed-price contract.";
    var out = resolve(text, crf(text, "Burns", EntityType.PERSON), crf(text, "McDonnell Engineering Co.", EntityType.ORG),
        crf(text, "Kansas City", EntityType.LOCATION), crf(text, "Missouri", EntityType.LOCATION));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("Burns & McDonnell Engineering Co.", EntityType.ORG),
        tuple("Kansas City", EntityType.LOCATION), tuple("Missouri", EntityType.LOCATION));
    assertThat(out).extracting(Mention::type).doesNotContain(EntityType.PERSON);
  }

  @Test
  void aPersonTheCrfReadWholeStaysAPerson() {
    String text = "John Smith, Dallas, Texas, was awarded the Medal of Honor.";
    var out = resolve(text, crf(text, "John Smith", EntityType.PERSON), crf(text, "Dallas", EntityType.LOCATION),
        crf(text, "Texas", EntityType.LOCATION));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(tuple("John Smith", EntityType.PERSON));
  }
}
