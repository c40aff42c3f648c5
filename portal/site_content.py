"""Texts of the site's standard pages as first installed; editors change them
in the admin afterwards. Each entry: slug, title, intro and body per language."""

ABOUT = {
    "sv": {
        "slug": "om",
        "title": "Om Erfarenhetsbanken",
        "intro": "Erfarenhetsbanken samlar statliga myndigheters erfarenheter av innovation "
        "och digitalisering, så att nästa myndighet kan lära av det som redan prövats.",
        "body": "<h2>Varför en erfarenhetsbank?</h2>"
        "<p>Många myndigheter står inför samma utmaningar: nya e-tjänster, automatisering, "
        "förändrade arbetssätt och en arbetsmiljö som påverkas av digitaliseringen. Här delar "
        "myndigheterna vad de gjorde, vad det ledde till och framför allt vad de lärde sig, "
        "både det som fungerade och det som är bra att undvika.</p>"
        "<h2>Partsgemensamt</h2>"
        "<p>Många erfarenheter är skrivna av arbetsgivaren och de lokala parterna tillsammans. "
        "Avsnittet om partsgemensamt arbete beskriver hur arbetsgivarföreträdare och "
        "arbetstagarföreträdare samverkade i projektet.</p>"
        "<h2>Dela en erfarenhet</h2>"
        "<p>Arbetar du på en statlig myndighet kan du dela en erfarenhet. En redaktör granskar "
        "varje bidrag innan det publiceras.</p>",
    },
    "en": {
        "slug": "about",
        "title": "About Erfarenhetsbanken",
        "intro": "Erfarenhetsbanken (the experience bank) gathers Swedish government agencies' "
        "experience of innovation and digitalisation, so that the next agency can learn from "
        "what has already been tried.",
        "body": "<h2>Why an experience bank?</h2>"
        "<p>Many agencies face the same challenges: new e-services, automation, new ways of "
        "working and a work environment changed by digitalisation. Here agencies share what "
        "they did, what came of it and above all what they learned: what worked and what to "
        "avoid.</p>"
        "<h2>Working together</h2>"
        "<p>Many cases are written by the employer and the local parties together. The section "
        "on working together describes how employer and employee representatives cooperated in "
        "the project.</p>"
        "<h2>Share a case</h2>"
        "<p>If you work at a Swedish government agency you can share a case. An editor reviews "
        "every contribution before it is published.</p>",
    },
}

# Placeholders in brackets, such as [organisation] or [email], are filled in
# from the Organisation setting when the page is shown (portal/organisation_text.py).
CONTACT = {
    "sv": {
        "slug": "kontakt",
        "title": "Kontakt",
        "intro": "Så når du dem som driver Erfarenhetsbanken.",
        "body": "<p>Erfarenhetsbanken drivs av [organisation].</p>"
        "<p>[contact_details]</p>"
        "<h2>Frågor om en erfarenhet</h2>"
        "<p>Vill du fråga något om en erfarenhet skriver du till kontaktpersonen med formuläret "
        "på erfarenheten.</p>"
        "<h2>Konto för att dela erfarenheter</h2>"
        "<p>Hör din myndighet inte till dem som kan skapa konto, eller behöver du en ny "
        "inbjudan? Skriv till redaktörerna på [email].</p>"
        "<h2>Personuppgifter</h2>"
        "<p>Frågor om hur vi behandlar dina personuppgifter skickar du till vårt "
        "dataskyddsombud på [dpo_email].</p>",
    },
    "en": {
        "slug": "contact",
        "title": "Contact",
        "intro": "How to reach the people who run Erfarenhetsbanken.",
        "body": "<p>Erfarenhetsbanken is run by [organisation].</p>"
        "<p>[contact_details]</p>"
        "<h2>Questions about a case</h2>"
        "<p>To ask about a case, write to its contact person with the form on the case.</p>"
        "<h2>An account to share cases</h2>"
        "<p>Is your agency not among those that can sign up, or do you need a new invitation? "
        "Write to the editors at [email].</p>"
        "<h2>Personal data</h2>"
        "<p>Send questions about how we process your personal data to our data protection "
        "officer at [dpo_email].</p>",
    },
}

PRIVACY = {
    "sv": {
        "slug": "personuppgifter",
        "title": "Så behandlar vi personuppgifter",
        "intro": "Här beskriver vi vilka personuppgifter Erfarenhetsbanken behandlar, varför, "
        "med vilket stöd i lagen och hur länge.",
        "body": "<h2>Personuppgiftsansvarig</h2>"
        "<p>[organisation] (organisationsnummer [org_number]) är personuppgiftsansvarig för "
        "Erfarenhetsbanken. Du når oss på [email]. Vårt dataskyddsombud når du på "
        "[dpo_email].</p>"
        "<h2>Kontaktpersoner i erfarenheter</h2>"
        "<p>En erfarenhet kan innehålla namn, roll och e-postadress till en kontaktperson. "
        "Namn och roll publiceras för att andra myndigheter ska kunna ta kontakt. "
        "E-postadressen visas aldrig: den som vill fråga något skriver i ett formulär på "
        "erfarenheten. Vi använder den också för att påminna kontaktpersonen om att fylla "
        "i ”Vad hände sedan?”.</p>"
        "<p><strong>Rättslig grund:</strong> berättigat intresse (artikel 6.1 f i "
        "dataskyddsförordningen), att myndigheter ska kunna lära av varandra. "
        "<strong>Hur länge:</strong> så länge erfarenheten finns i Erfarenhetsbanken. "
        "Kontaktpersonen kan när som helst be oss ta bort uppgifterna.</p>"
        "<h2>Meddelanden till kontaktpersoner</h2>"
        "<p>När du skriver till en kontaktperson skickar vi ditt namn, din e-postadress, din "
        "myndighet och ditt meddelande till kontaktpersonen, och en kopia till dig. För att "
        "hindra missbruk räknar vi hur många meddelanden som kommer från samma nätverksadress, "
        "utan att spara adressen i klartext.</p>"
        "<p><strong>Rättslig grund:</strong> berättigat intresse (artikel 6.1 f), att "
        "förmedla din fråga. <strong>Hur länge:</strong> meddelandet ligger i kön för utskick "
        "tills det har skickats och raderas 7 dagar efter det. Räkningen per nätverksadress "
        "raderas när timmen den gäller har gått.</p>"
        "<h2>Vi har provat detta</h2>"
        "<p>När en bidragsgivare berättar att deras myndighet har provat en erfarenhet visas "
        "myndighetens namn, vad den gjorde och när. Vi sparar vem som skrev det.</p>"
        "<p><strong>Rättslig grund:</strong> berättigat intresse (artikel 6.1 f). "
        "<strong>Hur länge:</strong> kopplingen till den som skrev raderas när kontot "
        "raderas.</p>"
        "<h2>Konton för bidragsgivare</h2>"
        "<p>För att dela en erfarenhet behöver du ett konto med din e-postadress i tjänsten. "
        "Vi sparar namn, e-postadress, myndighet, lösenordet i krypterad form och när du "
        "senast loggade in. När du är inloggad sparar vi en sessionskaka i din "
        "webbläsare.</p>"
        "<p><strong>Rättslig grund:</strong> berättigat intresse (artikel 6.1 f), att bara "
        "anställda på myndigheter ska kunna dela erfarenheter. <strong>Hur länge:</strong> "
        "ett konto som inte har använts på 2 år raderas. Erfarenheter du har delat ligger kvar. "
        "Sessioner raderas när de har gått ut.</p>"
        "<h2>Misslyckade inloggningar</h2>"
        "<p>För att stoppa den som gissar lösenord sparar vi nätverksadress och användarnamn "
        "vid misslyckade inloggningar.</p>"
        "<p><strong>Rättslig grund:</strong> berättigat intresse (artikel 6.1 f), att "
        "skydda kontona. <strong>Hur länge:</strong> 1 dygn.</p>"
        "<h2>Anmälan till aktiviteter</h2>"
        "<p>När du anmäler dig till en aktivitet sparar vi namn, e-postadress, myndighet, roll "
        "och de behov av kost och tillgänglighet du själv anger. Behoven visas bara för "
        "redaktörerna som ordnar aktiviteten. I varje e-postmeddelande om anmälan finns en "
        "länk där du ser allt vi sparat om anmälan och kan radera den.</p>"
        "<p><strong>Rättslig grund:</strong> berättigat intresse (artikel 6.1 f), att "
        "ordna aktiviteten. Behov av kost och tillgänglighet kan säga något om din hälsa; dem "
        "behandlar vi med ditt samtycke (artikel 9.2 a), som du kan ta tillbaka. "
        "<strong>Hur länge:</strong> uppgifterna raderas 90 dagar efter att aktiviteten har "
        "ägt rum.</p>"
        "<h2>Bevakningar</h2>"
        "<p>När du bevakar erfarenheter via e-post sparar vi din e-postadress, ditt språk och "
        "det urval du bevakar, för att kunna skicka sammanställningarna.</p>"
        "<p><strong>Rättslig grund:</strong> samtycke (artikel 6.1 a), som du ger när du "
        "bekräftar bevakningen. <strong>Hur länge:</strong> en bevakning som du inte bekräftar "
        "raderas efter 7 dagar. En bekräftad bevakning finns tills du avslutar den med länken "
        "i varje e-postmeddelande, och då raderas den.</p>"
        "<h2>Sökningar</h2>"
        "<p>Vi sparar vilka sökord som används och när, utan koppling till dig, för att "
        "förbättra innehållet.</p>"
        "<p><strong>Rättslig grund:</strong> berättigat intresse (artikel 6.1 f). "
        "<strong>Hur länge:</strong> 90 dagar.</p>"
        "<h2>Dina rättigheter</h2>"
        "<p>Enligt dataskyddsförordningen har du rätt att</p>"
        "<ul><li>få veta vilka uppgifter vi har om dig och få en kopia av dem (artikel 15)</li>"
        "<li>få fel rättade (artikel 16)</li>"
        "<li>få uppgifter raderade (artikel 17)</li>"
        "<li>begära att vi begränsar behandlingen (artikel 18)</li>"
        "<li>få veta vilka vi har lämnat rättade eller raderade uppgifter till (artikel 19)</li>"
        "<li>få ut uppgifter du har lämnat med ditt samtycke i ett maskinläsbart format "
        "(artikel 20)</li>"
        "<li>invända mot behandling som bygger på berättigat intresse (artikel 21).</li></ul>"
        "<p>Skriv till [email] eller till dataskyddsombudet på [dpo_email] om du vill använda "
        "dina rättigheter. Vi svarar inom en månad.</p>"
        "<h2>Klagomål</h2>"
        "<p>Tycker du att vi behandlar dina personuppgifter fel kan du klaga hos "
        '<a href="https://www.imy.se/">Integritetsskyddsmyndigheten (IMY)</a>.</p>',
    },
    "en": {
        "slug": "privacy",
        "title": "Privacy notice",
        "intro": "What personal data Erfarenhetsbanken processes, why, on what legal basis and "
        "for how long.",
        "body": "<h2>Controller</h2>"
        "<p>[organisation] (organisation number [org_number]) is the controller of the "
        "personal data in Erfarenhetsbanken. You reach us at [email]. You reach our data "
        "protection officer at [dpo_email].</p>"
        "<h2>Contact persons in cases</h2>"
        "<p>A case may include the name, role and e-mail address of a contact person. The name "
        "and role are published so that other agencies can get in touch. The e-mail address is "
        "never shown: anyone with a question writes through a form on the case. We also use "
        "it to remind the contact person to fill in “What happened next?”.</p>"
        "<p><strong>Legal basis:</strong> legitimate interest (Article 6(1)(f) GDPR), that "
        "agencies can learn from each other. <strong>How long:</strong> as long as the case is "
        "in Erfarenhetsbanken. The contact person can ask us to remove these details at any "
        "time.</p>"
        "<h2>Messages to contact persons</h2>"
        "<p>When you write to a contact person we send your name, e-mail address, agency and "
        "message to the contact person, and a copy to you. To stop abuse we count how many "
        "messages come from one network address, without keeping the address in plain "
        "text.</p>"
        "<p><strong>Legal basis:</strong> legitimate interest (Article 6(1)(f)), to pass on "
        "your question. <strong>How long:</strong> the message waits in the sending queue "
        "until it is sent and is deleted 7 days later. The count per network address is "
        "deleted when the hour it covers has passed.</p>"
        "<h2>We tried this</h2>"
        "<p>When a contributor records that their agency tried a case, the agency's name, what "
        "it did and when are shown. We keep who wrote it.</p>"
        "<p><strong>Legal basis:</strong> legitimate interest (Article 6(1)(f)). "
        "<strong>How long:</strong> the link to the writer is deleted when their account is "
        "deleted.</p>"
        "<h2>Contributor accounts</h2>"
        "<p>To share a case you need an account with your work e-mail address. We keep your "
        "name, e-mail address, agency, your password in encrypted form and when you last "
        "logged in. While you are logged in, your browser keeps a session cookie.</p>"
        "<p><strong>Legal basis:</strong> legitimate interest (Article 6(1)(f)), that only "
        "agency staff can share cases. <strong>How long:</strong> an account not used for 2 "
        "years is deleted. Cases you shared stay. Sessions are deleted when they expire.</p>"
        "<h2>Failed log-ins</h2>"
        "<p>To stop password guessing we keep the network address and user name of failed "
        "log-ins.</p>"
        "<p><strong>Legal basis:</strong> legitimate interest (Article 6(1)(f)), to protect "
        "the accounts. <strong>How long:</strong> 1 day.</p>"
        "<h2>Activity registrations</h2>"
        "<p>When you register for an activity we store your name, e-mail address, agency, role "
        "and any dietary and accessibility needs you give. The needs are shown only to the "
        "editors who organise the activity. Every e-mail about your registration has a link "
        "where you see everything we store about it and can delete it.</p>"
        "<p><strong>Legal basis:</strong> legitimate interest (Article 6(1)(f)), to organise "
        "the activity. Dietary and accessibility needs may say something about your health; "
        "we process them with your consent (Article 9(2)(a)), which you can withdraw. "
        "<strong>How long:</strong> the data is deleted 90 days after the activity has "
        "ended.</p>"
        "<h2>Alerts</h2>"
        "<p>When you follow cases by e-mail we store your e-mail address, your language and "
        "the view you follow, to send you the digests.</p>"
        "<p><strong>Legal basis:</strong> consent (Article 6(1)(a)), which you give when you "
        "confirm the alert. <strong>How long:</strong> an alert you do not confirm is deleted "
        "after 7 days. A confirmed alert lasts until you end it with the link in every e-mail, "
        "and it is then deleted.</p>"
        "<h2>Searches</h2>"
        "<p>We record which search terms are used and when, without linking them to you, to "
        "improve the content.</p>"
        "<p><strong>Legal basis:</strong> legitimate interest (Article 6(1)(f)). "
        "<strong>How long:</strong> 90 days.</p>"
        "<h2>Your rights</h2>"
        "<p>Under the GDPR you have the right to</p>"
        "<ul><li>know what data we hold about you and get a copy (Article 15)</li>"
        "<li>have errors corrected (Article 16)</li>"
        "<li>have data deleted (Article 17)</li>"
        "<li>ask us to restrict the processing (Article 18)</li>"
        "<li>know to whom we have passed on corrected or deleted data (Article 19)</li>"
        "<li>receive data you gave with your consent in a machine-readable format "
        "(Article 20)</li>"
        "<li>object to processing based on legitimate interest (Article 21).</li></ul>"
        "<p>To use your rights, write to [email] or to the data protection officer at "
        "[dpo_email]. We reply within one month.</p>"
        "<h2>Complaints</h2>"
        "<p>If you think we process your personal data wrongly, you can complain to the "
        '<a href="https://www.imy.se/en/">Swedish Authority for Privacy Protection (IMY)</a>.'
        "</p>",
    },
}

ACCESSIBILITY = {
    "sv": {
        "slug": "tillganglighet",
        "title": "Tillgänglighetsredogörelse",
        "intro": "Vi vill att så många som möjligt ska kunna använda den här webbplatsen.",
        "body": "<p>[organisation] står bakom den här webbplatsen. Här beskriver vi hur "
        "Erfarenhetsbanken uppfyller lagen (2018:1937) om tillgänglighet till digital "
        "offentlig service, kända tillgänglighetsproblem och hur du kan rapportera brister "
        "till oss så att vi kan åtgärda dem.</p>"
        "<h2>Hur tillgänglig är webbplatsen?</h2>"
        "<p>Vi vet att delar av webbplatsen inte är helt tillgängliga. Se avsnittet om innehåll "
        "som inte är tillgängligt nedan.</p>"
        "<h2>Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>"
        "<p>Om du behöver innehåll från webbplatsen som inte är tillgängligt för dig kan du "
        "skriva till oss på [email], så försöker vi ge dig innehållet på ett annat sätt. Vi "
        "svarar inom två arbetsdagar.</p>"
        "<h2>Rapportera brister i webbplatsens tillgänglighet</h2>"
        "<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du "
        "upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte "
        "uppfyller lagens krav, skriv till oss på [email] så att vi får veta att problemet "
        "finns.</p>"
        "<h2>Tillsynsmyndighet</h2>"
        "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om "
        "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar "
        'dina synpunkter kan du <a href="https://www.digg.se/tdosanmalan">anmäla det till '
        "Digg</a>.</p>"
        "<h2>Teknisk information om webbplatsens tillgänglighet</h2>"
        "<p>Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig "
        "service, och med nivå AA i standarden Web Content Accessibility Guidelines (WCAG) "
        "version 2.1, på grund av de brister som beskrivs nedan.</p>"
        "<h3>Innehåll som inte är tillgängligt</h3>"
        "<ul><li>Bilagor i form av PDF-dokument som myndigheterna själva laddat upp kan sakna "
        "taggar och rubrikstruktur (WCAG 1.3.1).</li>"
        "<li>Uppläsningsfunktionen Lyssna använder talsyntesen i din webbläsare och fungerar "
        "bara där webbläsaren har svenska eller engelska röster.</li></ul>"
        "<h2>Hur vi testat webbplatsen</h2>"
        "<p>Vi har själva granskat webbplatsen: automatiskt med axe-core vid varje ändring, och "
        "manuellt med tangentbord, skärmläsare och förstoring. Senaste bedömningen gjordes den "
        "[assessed].</p>"
        "<p>Redogörelsen uppdaterades senast den [page_updated].</p>",
    },
    "en": {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "intro": "We want as many people as possible to be able to use this website.",
        "body": "<p>[organisation] is responsible for this website. This page describes how "
        "Erfarenhetsbanken complies with the Swedish Act on accessibility of digital public "
        "services (2018:1937), known accessibility problems, and how you can report "
        "shortcomings to us so that we can fix them.</p>"
        "<h2>How accessible is the website?</h2>"
        "<p>We know that parts of the website are not fully accessible. See the section on "
        "content that is not accessible below.</p>"
        "<h2>What to do if you cannot use parts of the website</h2>"
        "<p>If you need content from the website that is not accessible to you, write to us at "
        "[email] and we will try to provide it in another way. We reply within two working "
        "days.</p>"
        "<h2>Report shortcomings in accessibility</h2>"
        "<p>We are always working to improve the accessibility of the website. If you find "
        "problems that are not described on this page, or think that we do not meet the "
        "requirements of the law, write to us at [email] so that we know about the "
        "problem.</p>"
        "<h2>Enforcement procedure</h2>"
        "<p>The Agency for Digital Government (Digg) is responsible for enforcing the law on "
        "accessibility of digital public services. If you are not satisfied with how we handle "
        'your comments, you can <a href="https://www.digg.se/tdosanmalan">report it to '
        "Digg</a>.</p>"
        "<h2>Technical information about the website's accessibility</h2>"
        "<p>The website is partially compliant with the law on accessibility of digital "
        "public services, and with level AA of the Web Content Accessibility Guidelines "
        "(WCAG) version 2.1, due to the shortcomings described below.</p>"
        "<h3>Content that is not accessible</h3>"
        "<ul><li>PDF attachments uploaded by agencies may lack tags and heading structure "
        "(WCAG 1.3.1).</li><li>The Listen feature uses your browser's speech synthesis and "
        "works only where the browser has Swedish or English voices.</li></ul>"
        "<h2>How we tested the website</h2>"
        "<p>We reviewed the website ourselves: automatically with axe-core on every change, "
        "and manually with keyboard, screen reader and magnification. The latest assessment "
        "was made on [assessed].</p>"
        "<p>This statement was last updated on [page_updated].</p>",
    },
}

# Texts installed earlier (sha256 of the body or intro): a page still showing
# one of them gets the current text (portal.site_setup.refresh_installed_texts);
# a text an editor changed is kept.
EARLIER_TEXTS = {
    "3e375f8cfcef80fc",
    "801bdb1d4e7b6d77",
    "7c90411bd2870243",
    "5c46d042f9047e0e",
    "5a16e667808628f0",
    "5b103b1d00331ea1",
    "a48c56df25322200",
    "5b1f60702cf250a9",
    "463db5f00de85eb2",
    "5e55863f1f6c234c",
}

STANDARD_PAGES = [ABOUT, PRIVACY, ACCESSIBILITY, CONTACT]

HOME = {
    "sv": {
        "title": "Erfarenhetsbanken",
        "intro": "Lär av andra myndigheters innovations- och digitaliseringsprojekt: vad de "
        "gjorde, vad som fungerade och vad du bör undvika.",
    },
    "en": {
        "title": "Erfarenhetsbanken",
        "intro": "Learn from other Swedish agencies' innovation and digitalisation projects: "
        "what they did, what worked and what to avoid.",
    },
}

CASE_INDEX = {
    "sv": {
        "slug": "erfarenheter",
        "title": "Erfarenheter",
        "intro": "Alla erfarenheter som myndigheterna delat. Filtrera på tema, skede, "
        "myndighet, status och år.",
    },
    "en": {
        "slug": "cases",
        "title": "Cases",
        "intro": "All cases shared by the agencies. Filter by theme, stage, agency, status "
        "and year.",
    },
}
