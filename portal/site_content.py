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

PRIVACY = {
    "sv": {
        "slug": "personuppgifter",
        "title": "Så behandlar vi personuppgifter",
        "intro": "Här beskriver vi vilka personuppgifter Erfarenhetsbanken behandlar, varför "
        "och hur länge.",
        "body": "<h2>Erfarenheter</h2>"
        "<p>En erfarenhet kan innehålla namn, roll och e-postadress till en kontaktperson. "
        "Namn och roll publiceras för att andra myndigheter ska kunna ta kontakt. "
        "E-postadressen visas aldrig: den som vill fråga något skriver i ett formulär på "
        "erfarenheten. Kontaktpersonen kan när som helst be oss ta bort uppgifterna.</p>"
        "<h2>Meddelanden till kontaktpersoner</h2>"
        "<p>När du skriver till en kontaktperson skickar vi ditt namn, din e-postadress, din "
        "myndighet och ditt meddelande till kontaktpersonen, och en kopia till dig. Vi sparar "
        "inget av det. För att hindra missbruk räknar vi hur många meddelanden som kommer från "
        "samma nätverksadress under en timme, utan att spara adressen i klartext.</p>"
        "<h2>Vi har provat detta</h2>"
        "<p>När en bidragsgivare berättar att deras myndighet har provat en erfarenhet visas "
        "myndighetens namn, vad den gjorde och när. Vi sparar vem som skrev det, så länge "
        "kontot finns.</p>"
        "<h2>Konton för bidragsgivare</h2>"
        "<p>För att dela en erfarenhet behöver du ett konto med din e-postadress i tjänsten. "
        "Vi sparar namn, e-postadress och myndighet så länge kontot finns.</p>"
        "<h2>Anmälan till aktiviteter</h2>"
        "<p>När du anmäler dig till en aktivitet sparar vi namn, e-postadress, myndighet, roll "
        "och de behov av kost och tillgänglighet du själv anger. Behoven visas bara för "
        "redaktörerna som ordnar aktiviteten. Anmälningarna raderas automatiskt 90 dagar efter "
        "att aktiviteten har ägt rum.</p>"
        "<h2>Bevakningar</h2>"
        "<p>När du bevakar erfarenheter via e-post sparar vi din e-postadress, ditt språk och "
        "det urval du bevakar, för att kunna skicka sammanställningarna. En bevakning som du "
        "inte bekräftar raderas efter 7 dagar. Du kan avsluta en bevakning med länken i varje "
        "e-postmeddelande, och då raderas den.</p>"
        "<h2>Sökningar</h2>"
        "<p>Vi sparar vilka sökord som används, utan koppling till dig, för att förbättra "
        "innehållet.</p>"
        "<h2>Dina rättigheter</h2>"
        "<p>Du har rätt att få veta vilka uppgifter vi har om dig, att få fel rättade och att "
        "få uppgifter raderade. Du kan också klaga hos Integritetsskyddsmyndigheten.</p>",
    },
    "en": {
        "slug": "privacy",
        "title": "Privacy notice",
        "intro": "What personal data Erfarenhetsbanken processes, why, and for how long.",
        "body": "<h2>Cases</h2>"
        "<p>A case may include the name, role and e-mail address of a contact person. The name "
        "and role are published so that other agencies can get in touch. The e-mail address is "
        "never shown: anyone with a question writes through a form on the case. The contact "
        "person can ask us to remove these details at any time.</p>"
        "<h2>Messages to contact persons</h2>"
        "<p>When you write to a contact person we send your name, e-mail address, agency and "
        "message to the contact person, and a copy to you. We keep none of it. To stop abuse we "
        "count how many messages come from one network address in an hour, without keeping the "
        "address in plain text.</p>"
        "<h2>We tried this</h2>"
        "<p>When a contributor records that their agency tried a case, the agency's name, what "
        "it did and when are shown. We keep who wrote it for as long as the account exists.</p>"
        "<h2>Contributor accounts</h2>"
        "<p>To share a case you need an account with your work e-mail address. We keep your "
        "name, e-mail address and agency for as long as the account exists.</p>"
        "<h2>Activity registrations</h2>"
        "<p>When you register for an activity we store your name, e-mail address, agency, role "
        "and any dietary and accessibility needs you give. The needs are shown only to the "
        "editors who organise the activity. Registrations are deleted automatically 90 days "
        "after the activity has ended.</p>"
        "<h2>Alerts</h2>"
        "<p>When you follow cases by e-mail we store your e-mail address, your language and "
        "the view you follow, to send you the digests. An alert you do not confirm is deleted "
        "after 7 days. You can end an alert with the link in every e-mail, and it is then "
        "deleted.</p>"
        "<h2>Searches</h2>"
        "<p>We record which search terms are used, without linking them to you, to improve the "
        "content.</p>"
        "<h2>Your rights</h2>"
        "<p>You have the right to know what data we hold about you, to have errors corrected "
        "and to have data deleted. You can also complain to the Swedish Authority for Privacy "
        "Protection (IMY).</p>",
    },
}

ACCESSIBILITY = {
    "sv": {
        "slug": "tillganglighet",
        "title": "Tillgänglighetsredogörelse",
        "intro": "Erfarenhetsbanken står bakom den här webbplatsen. Vi vill att så många som "
        "möjligt ska kunna använda den. Här beskriver vi hur Erfarenhetsbanken uppfyller lagen "
        "om tillgänglighet till digital offentlig service, kända problem och hur du kan "
        "rapportera brister till oss.",
        "body": "<h2>Hur tillgänglig är webbplatsen?</h2>"
        "<p>Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig "
        "service, på grund av de brister som beskrivs nedan.</p>"
        "<h2>Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>"
        "<p>Om du behöver innehåll från webbplatsen som inte är tillgängligt för dig kan du "
        "kontakta oss, så försöker vi ge dig innehållet på ett annat sätt. Vi svarar inom två "
        "arbetsdagar.</p>"
        "<h2>Rapportera brister i webbplatsens tillgänglighet</h2>"
        "<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du "
        "upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte "
        "uppfyller lagens krav, meddela oss så att vi får veta att problemet finns.</p>"
        "<h2>Tillsyn</h2>"
        "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om "
        "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar "
        "dina synpunkter kan du kontakta Digg och påtala det.</p>"
        "<h2>Teknisk information om webbplatsens tillgänglighet</h2>"
        "<p>Webbplatsen är delvis förenlig med nivå AA i standarden Web Content Accessibility "
        "Guidelines (WCAG) version 2.1.</p>"
        "<h3>Innehåll som inte är tillgängligt</h3>"
        "<ul><li>Bilagor i form av PDF-dokument som myndigheterna själva laddat upp kan sakna "
        "taggar och rubrikstruktur.</li>"
        "<li>Uppläsningsfunktionen Lyssna använder talsyntesen i din webbläsare och fungerar "
        "bara där webbläsaren har svenska eller engelska röster.</li></ul>"
        "<h2>Hur vi testat webbplatsen</h2>"
        "<p>Vi testar webbplatsen automatiskt med axe-core i varje ändring, och manuellt med "
        "tangentbord, skärmläsare och förstoring. Senaste bedömningen gjordes i november "
        "2026.</p>",
    },
    "en": {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "intro": "Erfarenhetsbanken is responsible for this website. We want as many people as "
        "possible to be able to use it. This page describes how Erfarenhetsbanken complies "
        "with the Swedish law on accessibility of digital public services, known problems, "
        "and how to report shortcomings to us.",
        "body": "<h2>How accessible is the website?</h2>"
        "<p>The website is partially compliant with the law on accessibility of digital "
        "public services, due to the shortcomings described below.</p>"
        "<h2>What to do if you cannot use parts of the website</h2>"
        "<p>If you need content from the website that is not accessible to you, contact us and "
        "we will try to provide it in another way. We reply within two working days.</p>"
        "<h2>Report shortcomings in accessibility</h2>"
        "<p>We are always working to improve the accessibility of the website. If you find "
        "problems that are not described on this page, or think that we do not meet the "
        "requirements of the law, let us know.</p>"
        "<h2>Enforcement procedure</h2>"
        "<p>The Agency for Digital Government (Digg) is responsible for enforcing the law on "
        "accessibility of digital public services. If you are not satisfied with how we handle "
        "your comments, you can contact Digg.</p>"
        "<h2>Technical information about the website's accessibility</h2>"
        "<p>The website is partially compliant with level AA of the Web Content Accessibility "
        "Guidelines (WCAG) version 2.1.</p>"
        "<h3>Content that is not accessible</h3>"
        "<ul><li>PDF attachments uploaded by agencies may lack tags and heading structure."
        "</li><li>The Listen feature uses your browser's speech synthesis and works only where "
        "the browser has Swedish or English voices.</li></ul>"
        "<h2>How we tested the website</h2>"
        "<p>We test the website automatically with axe-core on every change, and manually with "
        "keyboard, screen reader and magnification. The latest assessment was made in November "
        "2026.</p>",
    },
}

STANDARD_PAGES = [ABOUT, PRIVACY, ACCESSIBILITY]

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
