"""One translation table for every label a report or form shows (English and Dutch).

Code asks `t("key", lang)`; it never branches on the language itself.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # (English, Dutch)
    # report frame
    "report.goals.title": ("Goals and KPI cascade", "Doelen en KPI-cascade"),
    "report.as_of": ("as of", "peildatum"),
    "report.campaign": ("Campaign", "Campagne"),
    "report.organisation": ("Organisation", "Organisatie"),
    "report.period": ("Period", "Looptijd"),
    "report.population": ("Target population", "Doelgroep"),
    "report.team": ("Planned ambassadors", "Geplande ambassadeurs"),
    "report.main_goal": ("Main goal", "Hoofddoel"),
    "report.phase": ("Phase", "Fase"),
    "report.status": ("Status", "Status"),
    "report.open": ("open report", "rapport openen"),
    "report.report": ("Report", "Rapport"),
    "report.snapshot": ("Report snapshot", "Rapportage-momentopname"),
    "report.generated": ("generated", "gemaakt"),
    "report.no_report": ("no report (see the notebook)", "geen rapport (zie het notebook)"),
    "status.ok": ("ok", "gelukt"),
    "status.failed": ("failed", "mislukt"),
    "status.running": ("running", "bezig"),
    "status.skipped": ("skipped: not set up yet", "overgeslagen: nog niet ingericht"),
    "status.notrun": ("not in this snapshot", "niet in deze momentopname"),
    # phases
    "phase.goals": ("Goals and KPI cascade", "Doelen en KPI-cascade"),
    "phase.selection": ("Candidate selection", "Kandidaatselectie"),
    "phase.rewards": ("Reward budgeting", "Beloningsbudget"),
    "phase.midterm": ("Mid-term check", "Tussentijdse meting"),
    "phase.final": ("Final evaluation", "Eindevaluatie"),
    # sections of phase 1
    "section.readiness": ("Readiness check", "Klaar om te starten?"),
    "section.readiness.intro": (
        "Before the campaign starts, each condition for a working ambassador programme has a status, "
        "evidence and an owner.",
        "Voordat de campagne start, heeft elke voorwaarde voor een werkend ambassadeursprogramma een "
        "status, onderbouwing en eigenaar.",
    ),
    "section.obstacles": ("Known obstacles and the plan against them", "Bekende obstakels en de aanpak"),
    "section.kpis": ("KPIs and SMART check", "KPI's en SMART-toets"),
    "section.kpis.intro": (
        "Each KPI is derived from the main goal and checked: named metric, numeric target and unit, "
        "baseline, owner, deadline inside the campaign, plausible for the population, and achievable "
        "with the organisers' hours.",
        "Elke KPI is afgeleid van het hoofddoel en getoetst: benoemde meeteenheid, numeriek doel en "
        "eenheid, nulmeting, eigenaar, deadline binnen de campagne, haalbaar voor de doelgroep en "
        "haalbaar met de beschikbare uren.",
    ),
    "section.cascade": ("Cascade: from totals to each ambassador", "Cascade: van totaal naar ambassadeur"),
    "section.diagram": ("Goal, KPIs and actions", "Doel, KPI's en acties"),
    "section.actions": ("Action plan", "Actieplan"),
    "section.timeline": ("Timeline", "Tijdlijn"),
    "section.capacity": ("Capacity check", "Capaciteitscheck"),
    # readiness
    "readiness.core_values": (
        "Core values employees can carry",
        "Kernwaarden die medewerkers kunnen uitdragen",
    ),
    "readiness.intrinsic_motivation": ("Intrinsic motivation", "Intrinsieke motivatie"),
    "readiness.content_strategy": ("Content strategy and calendar", "Contentstrategie en -kalender"),
    "readiness.management_sponsor": ("Management sponsor", "Sponsor in het management"),
    "readiness.channel_activity": (
        "Employees active on the channels that matter",
        "Medewerkers actief op de kanalen die ertoe doen",
    ),
    "readiness.ready": ("ready", "op orde"),
    "readiness.partial": ("partly", "deels"),
    "readiness.missing": ("missing", "ontbreekt"),
    "readiness.unknown": ("unknown", "onbekend"),
    "readiness.summary": (
        "{ready} of {total} conditions ready, {partial} partly, {missing} missing or unknown.",
        "{ready} van {total} voorwaarden op orde, {partial} deels, {missing} ontbrekend of onbekend.",
    ),
    "readiness.verdict.go": ("Ready to start.", "Klaar om te starten."),
    "readiness.verdict.conditional": (
        "Start possible, but finish the partly ready conditions first.",
        "Starten kan, maar maak eerst de deels ingevulde voorwaarden af.",
    ),
    "readiness.verdict.nogo": (
        "Not ready: missing conditions {items}.",
        "Nog niet klaar: ontbrekende voorwaarden {items}.",
    ),
    "readiness.not_listed": (
        "Not assessed yet: {items}.",
        "Nog niet beoordeeld: {items}.",
    ),
    "col.item": ("Condition", "Voorwaarde"),
    "col.status": ("Status", "Status"),
    "col.evidence": ("Evidence", "Onderbouwing"),
    "col.owner": ("Owner", "Eigenaar"),
    # obstacles
    "obstacle.fear": ("Fear", "Angst"),
    "obstacle.time": ("Time", "Tijd"),
    "obstacle.underestimation": ("Underestimation", "Onderschatting"),
    "obstacle.other": ("Other", "Overig"),
    "col.obstacle": ("Obstacle", "Obstakel"),
    "col.description": ("Description", "Omschrijving"),
    "col.countermeasures": ("Plan against it", "Aanpak"),
    "col.attention": ("Attention", "Aandachtspunt"),
    "obstacle.no_plan": ("no countermeasure", "geen aanpak"),
    "obstacle.no_owner": ("no owner", "geen eigenaar"),
    # KPIs
    "col.kpi": ("KPI", "KPI"),
    "col.name": ("Name", "Naam"),
    "col.metric": ("Metric", "Meeteenheid"),
    "col.target": ("Target", "Doel"),
    "col.unit": ("Unit", "Eenheid"),
    "col.baseline": ("Baseline", "Nulmeting"),
    "col.deadline": ("Deadline", "Deadline"),
    "col.scope": ("Per", "Per"),
    "col.smart": ("SMART", "SMART"),
    "col.reasons": ("Why it fails", "Waarom niet"),
    "scope.total": ("total", "totaal"),
    "scope.per_ambassador": ("ambassador", "ambassadeur"),
    "smart.pass": ("pass", "voldoet"),
    "smart.fail": ("fails", "voldoet niet"),
    "smart.metric": ("no measurable metric", "geen meetbare meeteenheid"),
    "smart.target": ("no numeric target above zero", "geen numeriek doel groter dan nul"),
    "smart.unit": ("no unit", "geen eenheid"),
    "smart.baseline": ("no baseline", "geen nulmeting"),
    "smart.owner": ("no owner", "geen eigenaar"),
    "smart.deadline": ("no deadline", "geen deadline"),
    "smart.deadline_outside": (
        "deadline {deadline} outside the campaign ({start} to {end})",
        "deadline {deadline} buiten de campagne ({start} tot {end})",
    ),
    "smart.baseline_reached": (
        "target {target} does not improve on the baseline {baseline}",
        "doel {target} is geen verbetering op de nulmeting {baseline}",
    ),
    "smart.population": (
        "total {total} is more than the population of {population}",
        "totaal {total} is meer dan de doelgroep van {population}",
    ),
    "smart.cascade": (
        "the KPIs below it add up to {children}, not the {total} it needs",
        "de onderliggende KPI's komen samen op {children}, niet op de benodigde {total}",
    ),
    "smart.cascade_child": (
        "with the other KPIs under {parent} it adds up to {children}, not the {total} {parent} needs",
        "samen met de andere KPI's onder {parent} komt deze op {children}, niet op de {total} die {parent} nodig heeft",
    ),
    "smart.capacity": (
        "its actions fall in over-committed months ({months})",
        "de acties vallen in overbelaste maanden ({months})",
    ),
    # cascade
    "col.per_ambassador": ("Per ambassador", "Per ambassadeur"),
    "col.total": ("Total", "Totaal"),
    "col.share": ("Share of population", "Deel van doelgroep"),
    "col.parent": ("Contributes to", "Draagt bij aan"),
    "col.gap": ("Gap", "Verschil"),
    "cascade.sentence": (
        "{ambassadors} ambassadors × {per} per ambassador = {total} {unit} of {population} → {share}",
        "{ambassadors} ambassadeurs × {per} per ambassadeur = {total} {unit} van {population} → {share}",
    ),
    "cascade.sentence_plain": (
        "{ambassadors} ambassadors × {per} per ambassador = {total} {unit}",
        "{ambassadors} ambassadeurs × {per} per ambassadeur = {total} {unit}",
    ),
    "cascade.gap_short": ("short by {gap}", "tekort: {gap}"),
    "cascade.gap_over": ("exceeds by {gap}", "overschot: {gap}"),
    "cascade.gap_none": ("adds up", "klopt"),
    # actions and capacity
    "col.action": ("Action", "Actie"),
    "col.start": ("Start", "Start"),
    "col.due": ("Due", "Deadline"),
    "col.hours": ("Hours", "Uren"),
    "col.flag": ("Note", "Opmerking"),
    "action.todo": ("to do", "te doen"),
    "action.doing": ("in progress", "bezig"),
    "action.done": ("done", "klaar"),
    "action.cancelled": ("cancelled", "vervallen"),
    "action.overdue": ("overdue", "te laat"),
    "col.month": ("Month", "Maand"),
    "col.needed": ("Hours needed", "Benodigde uren"),
    "col.available": ("Hours available", "Beschikbare uren"),
    "col.balance": ("Balance", "Saldo"),
    "col.kpis_at_risk": ("KPIs at risk", "KPI's in gevaar"),
    "capacity.ok": (
        "The plan fits the {hours} hours a month the team has.",
        "Het plan past binnen de {hours} uur per maand die het team heeft.",
    ),
    "capacity.over": (
        "Over-committed in {months}: {kpis} at risk. Move actions, add hours or lower the target.",
        "Overbelast in {months}: {kpis} in gevaar. Verschuif acties, maak uren vrij of stel het doel bij.",
    ),
    "capacity.past": (
        "Over-committed earlier, in {months}; that month is over.",
        "Eerder overbelast, in {months}; die maand is voorbij.",
    ),
    "chart.hours": ("hours", "uren"),
    "chart.needed": ("needed", "nodig"),
    "chart.over": ("needed, over capacity", "nodig, boven capaciteit"),
    "chart.available": ("available", "beschikbaar"),
    "chart.capacity.title": (
        "Hours needed per month against hours available",
        "Benodigde uren per maand tegen beschikbare uren",
    ),
    "chart.timeline.title": ("Actions and checkpoints", "Acties en controlemomenten"),
    "chart.cascade.title": ("Main goal → KPIs → actions", "Hoofddoel → KPI's → acties"),
    "chart.today": ("as of", "peildatum"),
    "checkpoint.ambassador_meeting": ("Ambassador meeting", "Ambassadeursoverleg"),
    "checkpoint.midterm": ("Mid-term check", "Tussentijdse meting"),
    "checkpoint.final": ("Final evaluation", "Eindevaluatie"),
    "checkpoint.other": ("Checkpoint", "Controlemoment"),
    "empty": ("Nothing entered yet.", "Nog niets ingevuld."),
    # phase 2: selection
    "section.team_size": ("Team size", "Teamgrootte"),
    "section.shortlist": (
        "Short list with the score explained (analyst only)",
        "Shortlist met toelichting op de score (alleen analist)",
    ),
    "section.shortlist.intro": (
        "Not in the management report: scores of people who are not selected stay with the analyst.",
        "Niet in het managementrapport: scores van niet-geselecteerden blijven bij de analist.",
    ),
    "section.team": ("Proposed ambassador team", "Voorgesteld ambassadeursteam"),
    "section.team.intro": (
        "The highest-scoring team that meets every rule (exact optimisation, not a sort).",
        "Het team met de hoogste totaalscore dat aan alle regels voldoet (exacte optimalisatie, geen sortering).",
    ),
    "section.contributions": (
        "Why these ambassadors: score per criterion",
        "Waarom deze ambassadeurs: score per criterium",
    ),
    "section.composition": ("Team against the population", "Team tegenover de doelgroep"),
    "section.funnel": ("Funnel: from long list to team", "Trechter: van longlist naar team"),
    "team_size.text": (
        "Population {population} ÷ one ambassador per {ratio} = {raw}; with a minimum of {minimum}{maximum}: "
        "a team of {size}. The goals phase planned {planned}.",
        "Doelgroep {population} ÷ één ambassadeur per {ratio} = {raw}; met een minimum van {minimum}{maximum}: "
        "een team van {size}. In de doelenfase waren er {planned} gepland.",
    ),
    "team_size.no_ratio": (
        "No ratio set: the minimum team of {size}. The goals phase planned {planned}.",
        "Geen verhouding ingesteld: het minimumteam van {size}. In de doelenfase waren er {planned} gepland.",
    ),
    "team_size.maximum": (", at most {maximum}", ", hooguit {maximum}"),
    "rules.met": ("All rules are met: {rules}.", "Aan alle regels is voldaan: {rules}."),
    "rules.size": ("{size} ambassadors", "{size} ambassadeurs"),
    "rules.coverage": ("every department covered ({count})", "elke afdeling vertegenwoordigd ({count})"),
    "rules.cap": ("at most {cap} per department", "hooguit {cap} per afdeling"),
    "rules.gender": ("gender balance within ±{tolerance}", "genderbalans binnen ±{tolerance}"),
    "rules.infeasible": ("No team meets every rule:", "Geen team voldoet aan alle regels:"),
    "why.too_few_candidates": (
        "only {candidates} candidates for a team of {size}",
        "maar {candidates} kandidaten voor een team van {size}",
    ),
    "why.too_many_departments": (
        "{departments} departments to cover with a team of {size}",
        "{departments} afdelingen te vertegenwoordigen met een team van {size}",
    ),
    "why.no_candidate_in_department": (
        "department {department} has no nominated candidate",
        "afdeling {department} heeft geen voorgedragen kandidaat",
    ),
    "why.cap_too_low": (
        "with at most {cap} per department only {reachable} of {size} places can be filled",
        "met hooguit {cap} per afdeling zijn maar {reachable} van de {size} plaatsen te vullen",
    ),
    "why.too_few_of_gender": (
        "gender balance needs {needed} {gender} ambassadors, there are {available} candidates",
        "de genderbalans vraagt {needed} ambassadeurs ({gender}), er zijn {available} kandidaten",
    ),
    "why.gender_bounds_exceed_size": (
        "the gender balance asks for more ambassadors than a team of {size}",
        "de genderbalans vraagt meer ambassadeurs dan een team van {size}",
    ),
    "why.gender_with_other_rules": (
        "gender balance cannot be met together with the other rules",
        "de genderbalans is niet te combineren met de andere regels",
    ),
    "suggest.title": ("What would make it work:", "Wat het oplost:"),
    "suggest.relax_coverage": (
        "drop department coverage, or nominate someone in each department",
        "laat de eis 'elke afdeling' los, of laat elke afdeling iemand voordragen",
    ),
    "suggest.relax_cap": ("raise the cap per department", "verhoog het maximum per afdeling"),
    "suggest.relax_gender": ("widen the gender tolerance", "verruim de marge voor genderbalans"),
    "suggest.relax_confirmed": (
        "the confirmed ambassadors themselves break a rule: review the rules",
        "de bevestigde ambassadeurs zelf breken een regel: herzie de regels",
    ),
    "suggest.more_candidates": (
        "nominate at least {needed} more candidates",
        "laat minstens {needed} kandidaten extra voordragen",
    ),
    "suggest.smaller_team": ("lower the team size (ratio or minimum)", "verklein het team (verhouding of minimum)"),
    "replacement": (
        "A candidate declined; {new} takes the place: the next best candidate under the same rules.",
        "Een kandidaat heeft afgezegd; {new} neemt de plaats in: de beste vervanger onder dezelfde regels.",
    ),
    "ambassador": ("Ambassador", "Ambassadeur"),
    "col.rank": ("Rank", "Rang"),
    "col.department": ("Department", "Afdeling"),
    "col.gender": ("Gender", "Gender"),
    "col.score": ("Score", "Score"),
    "col.unknown": ("Unknown signals", "Onbekende signalen"),
    "col.candidate_status": ("Status", "Status"),
    "col.population_count": ("Population", "Doelgroep"),
    "col.team_count": ("Team", "Team"),
    "col.population_share": ("Share of population", "Aandeel doelgroep"),
    "col.team_share": ("Share of team", "Aandeel team"),
    "col.dimension": ("Dimension", "Dimensie"),
    "col.value": ("Value", "Waarde"),
    "col.stage": ("Stage", "Fase"),
    "col.count": ("Count", "Aantal"),
    "col.first_date": ("First on", "Eerst op"),
    "col.criterion": ("Criterion", "Criterium"),
    "col.raw": ("Signal", "Signaal"),
    "col.weight": ("Weight", "Gewicht"),
    "col.points": ("Points", "Punten"),
    "criterion.social_media": ("Social-media activity", "Activiteit sociale media"),
    "criterion.network_size": ("Network size", "Netwerkgrootte"),
    "criterion.social_participation": ("Social activities", "Sociale activiteiten"),
    "criterion.learning": ("Learning behaviour", "Lerend gedrag"),
    "criterion.esteem": ("Esteem and expertise", "Aanzien en vakmanschap"),
    "criterion.future": ("Future at the organisation", "Toekomst bij de organisatie"),
    "criterion.endorsement": ("Team-lead endorsement", "Aanbeveling teamleider"),
    "criterion.engaged_critic": ("Engaged critic", "Betrokken criticus"),
    "gender.female": ("female", "vrouw"),
    "gender.male": ("male", "man"),
    "gender.other": ("other", "anders"),
    "gender.unknown": ("unknown", "onbekend"),
    "stage.longlist": ("Long list (nominated)", "Longlist (voorgedragen)"),
    "stage.shortlist": ("Short list", "Shortlist"),
    "stage.asked": ("Asked", "Gevraagd"),
    "stage.interested": ("Interested", "Geïnteresseerd"),
    "stage.declined": ("Declined", "Afgezegd"),
    "stage.confirmed": ("Confirmed", "Bevestigd"),
    "candidate.proposed": ("proposed", "voorgesteld"),
    "candidate.asked": ("asked", "gevraagd"),
    "candidate.interested": ("interested", "geïnteresseerd"),
    "candidate.declined": ("declined", "afgezegd"),
    "candidate.confirmed": ("confirmed", "bevestigd"),
    "chart.contributions.title": ("Score per criterion (points out of 100)", "Score per criterium (punten van 100)"),
    "chart.composition.title": ("Share per department: population and team", "Aandeel per afdeling: doelgroep en team"),
    "chart.funnel.title": ("Selection funnel", "Selectietrechter"),
    "chart.population": ("population", "doelgroep"),
    "chart.team": ("team", "team"),
    "selection.missing": (
        "This campaign has no selection settings yet (a `selection:` section in campaign.yaml).",
        "Deze campagne heeft nog geen selectie-instellingen (een `selection:`-sectie in campaign.yaml).",
    ),
    # phase 3: rewards
    "section.expectations": ("What we ask of each ambassador", "Wat we van elke ambassadeur vragen"),
    "expectations.hours": (
        "{hours} hours a month for {months} months: {total} hours per ambassador, for a team of {team}.",
        "{hours} uur per maand gedurende {months} maanden: {total} uur per ambassadeur, voor een team van {team}.",
    ),
    "section.rules": ("Rules of the game: what ambassadors get", "Spelregels: wat ambassadeurs krijgen"),
    "section.scenarios": ("Cost in three scenarios", "Kosten in drie scenario's"),
    "section.scenarios.intro": (
        "Every ambassador performing at the pessimistic, most likely or optimistic figure. The simulation "
        "below mixes them as real teams do, so its averages differ from the middle scenario.",
        "Elke ambassadeur presteert op het pessimistische, meest waarschijnlijke of optimistische cijfer. De "
        "simulatie hieronder mengt ze zoals echte teams doen; haar gemiddelden wijken daarom af van het "
        "middelste scenario.",
    ),
    "section.simulation": ("Budget risk: simulated campaigns", "Budgetrisico: gesimuleerde campagnes"),
    "section.effort": ("Reward against effort", "Beloning tegenover inspanning"),
    "section.breakdown": ("Where the money goes", "Waar het geld naartoe gaat"),
    "col.result": ("Result", "Resultaat"),
    "col.amount": ("Per result", "Per resultaat"),
    "col.cap_period": ("Cap per month", "Maximum per maand"),
    "col.cap_ambassador": ("Cap per ambassador", "Maximum per ambassadeur"),
    "col.place": ("Place", "Plaats"),
    "col.prize": ("Prize", "Prijs"),
    "col.cost_item": ("Cost", "Kostenpost"),
    "col.scenario": ("Scenario", "Scenario"),
    "col.results": ("Results (team)", "Resultaten (team)"),
    "col.incentives": ("Rewards per result", "Beloning per resultaat"),
    "col.prizes": ("Prizes", "Prijzen"),
    "col.fixed": ("Fixed costs", "Vaste kosten"),
    "col.budget": ("Budget", "Budget"),
    "col.within": ("Within budget", "Binnen budget"),
    "col.expected_results": ("Expected results", "Verwachte resultaten"),
    "col.reward_cost": ("Expected reward cost", "Verwachte beloningskosten"),
    "col.cost_per_result": ("Total cost per result", "Totale kosten per resultaat"),
    "col.per_ambassador_target": ("Per ambassador", "Per ambassadeur"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "scenario.pessimistic": ("pessimistic", "pessimistisch"),
    "scenario.expected": ("most likely", "meest waarschijnlijk"),
    "scenario.optimistic": ("optimistic", "optimistisch"),
    "result.login": ("colleague logs in", "collega logt in"),
    "result.start": ("colleague starts a training", "collega start een training"),
    "result.completion": ("colleague completes a training", "collega rondt een training af"),
    "result.share": ("post shared", "bericht gedeeld"),
    "result.click": ("click on a shared link", "klik op een gedeelde link"),
    "result.applicant": ("applicant via the ambassador", "sollicitant via de ambassadeur"),
    "result.hire": ("hire via the ambassador", "aanname via de ambassadeur"),
    "result.reward": ("reward earned", "verdiende beloning"),
    "ranking": (
        "Prizes go to the top of the scoreboard by {what}; ties: {tie}.",
        "Prijzen gaan naar de top van het scorebord op {what}; bij gelijke stand: {tie}.",
    ),
    "tie.split": (
        "tied ambassadors share the prizes of their places",
        "gelijk geëindigden delen de prijzen van hun plaatsen",
    ),
    "tie.earliest": ("whoever got there first", "wie er het eerst was"),
    "simulation.text": (
        "{draws} simulated campaigns (seed {seed}): total cost {p50} in the middle case, {p5} to {p95} in 90% "
        "of cases; a {p_over} chance of going over the budget of {budget}.",
        "{draws} gesimuleerde campagnes (seed {seed}): totale kosten {p50} in het middelste geval, {p5} tot {p95} "
        "in 90% van de gevallen; {p_over} kans om het budget van {budget} te overschrijden.",
    ),
    "effort.text": (
        "Each ambassador can expect about {reward} (rewards and a share of the prizes) for {hours} hours: "
        "{per_hour} per hour. Incentives are {share} of the expected cost.",
        "Elke ambassadeur kan zo'n {reward} verwachten (beloningen en een deel van de prijzen) voor {hours} uur: "
        "{per_hour} per uur. Prikkels zijn {share} van de verwachte kosten.",
    ),
    "effort.symbolic": (
        "Warning: below {threshold} per hour the reward is symbolic; the method warns that rewarding "
        "without rewarding noticeably does not motivate.",
        "Let op: onder {threshold} per uur is de beloning symbolisch; de methode waarschuwt dat belonen "
        "zonder merkbaar te belonen niet motiveert.",
    ),
    "effort.dominate": (
        "Warning: incentives are more than {threshold} of the cost; be sparing with incentives, or the "
        "message starts to look bought.",
        "Let op: prikkels zijn meer dan {threshold} van de kosten; wees zuinig met prikkels, anders lijkt de "
        "boodschap gekocht.",
    ),
    "effort.balanced": (
        "Meaningful, not extravagant: within both limits.",
        "Merkbaar, niet overdreven: binnen beide grenzen.",
    ),
    "chart.distribution.title": ("Total cost of simulated campaigns", "Totale kosten van gesimuleerde campagnes"),
    "chart.scenarios.title": ("Cost per scenario", "Kosten per scenario"),
    "chart.breakdown.title": ("Expected cost by part", "Verwachte kosten per onderdeel"),
    "chart.budget": ("budget", "budget"),
    "chart.campaigns": ("simulated campaigns", "gesimuleerde campagnes"),
    # forms
    "form.tab.basics": ("Campaign", "Campagne"),
    "form.tab.readiness": ("Readiness", "Gereedheid"),
    "form.tab.obstacles": ("Obstacles", "Obstakels"),
    "form.tab.goal": ("Main goal", "Hoofddoel"),
    "form.tab.kpis": ("KPIs", "KPI's"),
    "form.tab.actions": ("Actions", "Acties"),
    "form.tab.capacity": ("Capacity", "Capaciteit"),
    "form.tab.weights": ("Weights", "Gewichten"),
    "form.tab.rules": ("Team rules", "Teamregels"),
    "form.tab.status": ("Candidate status", "Status kandidaten"),
    "form.add.status": ("Add status update", "Statuswijziging toevoegen"),
    "field.ratio": ("One ambassador per … people", "Eén ambassadeur per … mensen"),
    "field.minimum": ("Minimum team size", "Minimale teamgrootte"),
    "field.maximum": ("Maximum team size", "Maximale teamgrootte"),
    "field.cover_departments": ("Every department an ambassador", "Elke afdeling een ambassadeur"),
    "field.min_department_size": ("Only departments of at least … people", "Alleen afdelingen vanaf … mensen"),
    "field.max_per_department": ("At most … per department", "Hooguit … per afdeling"),
    "field.gender_balance.tolerance": (
        "Gender balance: tolerance (0–0.5, empty = off)",
        "Genderbalans: marge (0–0,5, leeg = uit)",
    ),
    "field.gender_balance.target": ("Gender balance: compared with", "Genderbalans: vergeleken met"),
    "field.shortlist_size": ("Short list size", "Omvang shortlist"),
    "field.show_names": ("Names in the management report", "Namen in het managementrapport"),
    "field.note": ("Note", "Notitie"),
    "balance.population": ("the population", "de doelgroep"),
    "balance.equal": ("equal shares", "gelijke delen"),
    "form.tab.budget": ("Budget", "Budget"),
    "form.tab.reward_rules": ("Rewards per result", "Beloning per resultaat"),
    "form.tab.prizes": ("Prizes", "Prijzen"),
    "form.tab.fixed_costs": ("Fixed costs", "Vaste kosten"),
    "form.tab.performance": ("Expected performance", "Verwachte prestaties"),
    "form.add.reward_rules": ("Add rule", "Regel toevoegen"),
    "form.add.prizes": ("Add prize", "Prijs toevoegen"),
    "form.add.fixed_costs": ("Add cost", "Kostenpost toevoegen"),
    "form.add.meetings": ("Add meeting", "Bijeenkomst toevoegen"),
    "field.currency": ("Currency (EUR, GBP, …)", "Valuta (EUR, GBP, …)"),
    "field.budget": ("Budget", "Budget"),
    "field.rewards.hours_per_month": (
        "Hours asked per ambassador per month",
        "Gevraagde uren per ambassadeur per maand",
    ),
    "field.prize_ranking": ("Scoreboard ranks by", "Scorebord rangschikt op"),
    "field.tie_rule": ("Ties", "Gelijke stand"),
    "field.result": ("Result", "Resultaat"),
    "field.amount": ("Amount", "Bedrag"),
    "field.cap_per_period": ("Cap per month", "Maximum per maand"),
    "field.cap_per_ambassador": ("Cap per ambassador", "Maximum per ambassadeur"),
    "field.place": ("Place", "Plaats"),
    "field.value": ("Value", "Waarde"),
    "field.rate": ("Rate per hour", "Tarief per uur"),
    "field.prizes.description": ("Prize", "Prijs"),
    "field.fixed_costs.item": ("Cost", "Kostenpost"),
    "field.fixed_costs.hours": ("Organisers' hours", "Uren organisatoren"),
    "form.save": ("Save", "Opslaan"),
    "form.reload": ("Reload", "Opnieuw laden"),
    "form.add.readiness": ("Add condition", "Voorwaarde toevoegen"),
    "form.add.obstacles": ("Add obstacle", "Obstakel toevoegen"),
    "form.add.kpis": ("Add KPI", "KPI toevoegen"),
    "form.add.actions": ("Add action", "Actie toevoegen"),
    "form.add.checkpoints": ("Add checkpoint", "Controlemoment toevoegen"),
    "form.remove": ("Remove", "Verwijderen"),
    "form.up": ("Move up", "Omhoog"),
    "form.down": ("Move down", "Omlaag"),
    "form.none": ("(none)", "(geen)"),
    "form.saved": (
        "Saved at {time}. Run the cells below again to update the report.",
        "Opgeslagen om {time}. Voer de cellen hieronder opnieuw uit om het rapport bij te werken.",
    ),
    "form.invalid": (
        "{count} problems to fix before saving:",
        "{count} problemen om op te lossen voor het opslaan:",
    ),
    "form.invalid.one": ("1 problem to fix before saving:", "1 probleem om op te lossen voor het opslaan:"),
    "form.valid": ("All values are valid.", "Alle waarden zijn geldig."),
    "form.unsaved": ("Unsaved changes.", "Niet-opgeslagen wijzigingen."),
    "form.reloaded": (
        "Reloaded from disk; unsaved edits were discarded.",
        "Opnieuw geladen; niet-opgeslagen wijzigingen zijn vervallen.",
    ),
    "form.conflict": (
        "Not saved: the file changed on disk since this form loaded it (another analyst or an editor). "
        "Press Reload to see that change, then make yours again.",
        "Niet opgeslagen: het bestand is gewijzigd sinds dit formulier het laadde (een andere analist of "
        "een editor). Druk op Opnieuw laden om die wijziging te zien en breng de jouwe daarna opnieuw aan.",
    ),
    "form.summary": ("Form values (read-only in scheduled runs)", "Formulierwaarden (alleen-lezen bij geplande runs)"),
    "form.items": ("{count} item(s)", "{count} item(s)"),
    "field.name": ("Campaign name", "Campagnenaam"),
    "field.organisation": ("Organisation", "Organisatie"),
    "field.language": ("Language of reports", "Taal van de rapporten"),
    "field.start": ("Start", "Start"),
    "field.end": ("End", "Einde"),
    "field.population.description": ("Target population", "Doelgroep"),
    "field.population.size": ("Population size", "Omvang doelgroep"),
    "field.team.ambassadors": ("Planned ambassadors", "Geplande ambassadeurs"),
    "field.team.hours_per_month": ("Organisers' hours per month", "Uren organisatoren per maand"),
    "field.goal.statement": ("Main goal", "Hoofddoel"),
    "field.goal.rationale": ("Why this goal", "Waarom dit doel"),
    "field.kpis.name": ("KPI name", "Naam KPI"),
    "field.item": ("Condition", "Voorwaarde"),
    "field.status": ("Status", "Status"),
    "field.evidence": ("Evidence", "Onderbouwing"),
    "field.owner": ("Owner", "Eigenaar"),
    "field.kind": ("Kind", "Soort"),
    "field.description": ("Description", "Omschrijving"),
    "field.countermeasures": ("Plan against it (one per line)", "Aanpak (één per regel)"),
    "field.id": ("Id", "Id"),
    "field.selection.id": ("Candidate", "Kandidaat"),
    "field.metric": ("Metric", "Meeteenheid"),
    "field.target": ("Target", "Doel"),
    "field.unit": ("Unit", "Eenheid"),
    "field.baseline": ("Baseline", "Nulmeting"),
    "field.deadline": ("Deadline", "Deadline"),
    "field.parent": ("Contributes to", "Draagt bij aan"),
    "field.scope": ("Target is", "Doel geldt"),
    "field.counts_people": ("Counts people of the population", "Telt mensen uit de doelgroep"),
    "field.kpi": ("KPI", "KPI"),
    "field.due": ("Due", "Deadline"),
    "field.hours": ("Hours", "Uren"),
    "field.date": ("Date", "Datum"),
    "field.label": ("Label", "Omschrijving"),
    "field.slug": ("Folder name (e.g. vacatures-2027)", "Mapnaam (bijv. vacatures-2027)"),
    "new.title": ("New campaign", "Nieuwe campagne"),
    "new.create": ("Create campaign", "Campagne aanmaken"),
    "new.created": (
        'Created {path}. Set campaign = "{slug}" in the parameters cell and run all cells to fill it in.',
        '{path} aangemaakt. Zet campaign = "{slug}" in de parametercel en voer alle cellen uit om hem in te vullen.',
    ),
    "new.todo": ("Still to fill in:", "Nog in te vullen:"),
    "scope.total.long": ("a total for the campaign", "een totaal voor de campagne"),
    "scope.per_ambassador.long": ("per ambassador", "per ambassadeur"),
    "language.nl": ("Dutch", "Nederlands"),
    "language.en": ("English", "Engels"),
    # phase 4: mid-term check
    "result.reaction": ("reaction to a shared post", "reactie op een gedeeld bericht"),
    "result.visit": ("website visit via a colleague", "websitebezoek via een collega"),
    "section.imports": ("Activity data read", "Ingelezen activiteitsgegevens"),
    "section.imports.intro": (
        "Each export is read once into the campaign's own store; a re-run reads only new or changed files, "
        "and an event that appears in two exports counts once.",
        "Elke export wordt één keer in de eigen opslag van de campagne gelezen; een nieuwe run leest alleen "
        "nieuwe of gewijzigde bestanden, en een gebeurtenis die in twee exports staat telt één keer.",
    ),
    "section.progress": ("KPI progress and forecast", "Voortgang en prognose per KPI"),
    "section.progress.intro": (
        "Actual against the planned pace (a straight line from the start to the deadline), and where each "
        "KPI ends if the pace so far holds, with a band that holds the outcome in about 9 of 10 cases. "
        "Green: on course; amber: the target is within the band; red: out of reach unless something changes.",
        "Stand tegenover het geplande tempo (een rechte lijn van start tot deadline), en waar elke KPI "
        "uitkomt als het tempo tot nu toe aanhoudt, met een bandbreedte waarbinnen de uitkomst in ongeveer "
        "9 van de 10 gevallen valt. Groen: op koers; oranje: het doel ligt binnen de bandbreedte; rood: "
        "buiten bereik tenzij er iets verandert.",
    ),
    "section.retarget": ("KPIs to re-target", "KPI's om bij te stellen"),
    "section.changes": ("What changed since the previous check", "Wat veranderde sinds de vorige meting"),
    "section.scoreboard": ("Scoreboard", "Scorebord"),
    "section.scoreboard.intro": (
        "Visibility keeps ambassadors going: who shares most, which posts travel furthest, and who is active.",
        "Zichtbaarheid houdt ambassadeurs gemotiveerd: wie deelt het meest, welke berichten gaan het verst, "
        "en wie is actief.",
    ),
    "section.departments": ("Participation per department", "Deelname per afdeling"),
    "section.trend": ("Weekly trend", "Trend per week"),
    "section.monthly": ("Monthly management report", "Maandrapportage voor het management"),
    "section.monthly.intro": (
        "The standard monthly figures: visitors via colleagues, applicants via employees and posts shared, "
        "with the top 5 posts and sharers of the latest month.",
        "De vaste maandcijfers: websitebezoekers via collega's, sollicitanten via medewerkers en gedeelde "
        "berichten, met de top 5 berichten en delers van de laatste maand.",
    ),
    "section.meetings": ("Ambassador meetings", "Ambassadeursbijeenkomsten"),
    "section.meetings.intro": (
        "The mid-term evaluation with the ambassadors themselves: what works, what does not and where they get stuck.",
        "De tussentijdse evaluatie met de ambassadeurs zelf: wat werkt, wat werkt niet en waar lopen ze tegenaan.",
    ),
    "section.earned": ("Rewards earned so far", "Verdiende beloningen tot nu toe"),
    "section.unknown": ("Activity by people outside the team", "Activiteit van mensen buiten het team"),
    "col.kind": ("Source", "Bron"),
    "col.file": ("File", "Bestand"),
    "col.records": ("Rows", "Regels"),
    "col.new_events": ("New events", "Nieuwe gebeurtenissen"),
    "col.import_status": ("Status", "Status"),
    "col.actual": ("Actual", "Stand"),
    "col.planned_now": ("Planned by now", "Gepland per nu"),
    "col.pace": ("Pace", "Tempo"),
    "col.forecast": ("Forecast at deadline", "Prognose op deadline"),
    "col.band": ("Band (90%)", "Bandbreedte (90%)"),
    "col.suggested": ("Suggested target", "Voorgesteld doel"),
    "col.why": ("Why", "Waarom"),
    "col.figure": ("Figure", "Cijfer"),
    "col.previous": ("Previous ({date})", "Vorige ({date})"),
    "col.now": ("Now ({date})", "Nu ({date})"),
    "col.change": ("Change", "Verschil"),
    "col.ambassador": ("Ambassador", "Ambassadeur"),
    "col.post": ("Post", "Bericht"),
    "col.active": ("Active", "Actief"),
    "col.ambassadors": ("Ambassadors", "Ambassadeurs"),
    "col.active_ambassadors": ("Active", "Actief"),
    "col.events": ("Events", "Gebeurtenissen"),
    "col.first_seen": ("First", "Eerste"),
    "col.last_seen": ("Last", "Laatste"),
    "col.attendees": ("Present", "Aanwezig"),
    "col.works": ("What works", "Wat werkt"),
    "col.does_not_work": ("What does not", "Wat werkt niet"),
    "col.stuck": ("Where they get stuck", "Waar lopen ze tegenaan"),
    "col.agreed": ("Agreed actions", "Afspraken"),
    "col.earned": ("Rewards earned", "Verdiende beloning"),
    "col.prize_standing": ("Prize if it ended today", "Prijs als het nu eindigde"),
    "rag.green": ("green", "groen"),
    "rag.amber": ("amber", "oranje"),
    "rag.red": ("red", "rood"),
    "rag.early": ("too early to judge", "te vroeg om te beoordelen"),
    "import.imported": ("read", "ingelezen"),
    "import.unchanged": ("already in the store", "al in de opslag"),
    "kind.learning": ("learning platform", "leerplatform"),
    "kind.sharing": ("advocacy platform", "deelplatform"),
    "kind.web": ("web analytics", "webstatistieken"),
    "kind.recruitment": ("recruitment (ATS)", "werving (ATS)"),
    "midterm.not_measured": (
        "Not measured from the activity data (no measure: in campaign.yaml): {kpis}.",
        "Niet gemeten uit de activiteitsgegevens (geen measure: in campaign.yaml): {kpis}.",
    ),
    "midterm.rebuilt": (
        "Read again from scratch because an export changed or disappeared: {kinds}.",
        "Opnieuw ingelezen omdat een export veranderde of verdween: {kinds}.",
    ),
    "midterm.activation": (
        "Activation: {active} of {team} ambassadors ({rate}) were active in the last {days} days.",
        "Activatie: {active} van de {team} ambassadeurs ({rate}) waren actief in de laatste {days} dagen.",
    ),
    "midterm.team_from_data": (
        "No team is named (activity.ambassadors or phase 2), so everyone who appears in the exports counts "
        "as an ambassador.",
        "Er is geen team opgegeven (activity.ambassadors of fase 2), dus iedereen die in de exports "
        "voorkomt telt als ambassadeur.",
    ),
    "midterm.unknown": (
        "These ids appear in the exports but are not in the team. Their results count in the KPI totals, "
        "not on the scoreboard or for rewards. Check for typos, or add them to the team.",
        "Deze id's staan in de exports maar niet in het team. Hun resultaten tellen mee in de KPI-totalen, "
        "niet op het scorebord of voor beloningen. Controleer op tikfouten, of voeg ze toe aan het team.",
    ),
    "midterm.no_previous": (
        "This is the first mid-term check in the snapshots: the next run shows what changed since today.",
        "Dit is de eerste tussentijdse meting in de momentopnamen: de volgende run laat zien wat er sinds "
        "vandaag veranderde.",
    ),
    "midterm.since": (
        "Compared with snapshot {snapshot} (as of {date}).",
        "Vergeleken met momentopname {snapshot} (peildatum {date}).",
    ),
    "midterm.retarget_none": (
        "No KPI needs a new target: every measured KPI is on course or within reach.",
        "Geen KPI hoeft bijgesteld: elke gemeten KPI is op koers of binnen bereik.",
    ),
    "midterm.retarget.red": (
        "out of reach at this pace: even the top of the band stays below the target",
        "buiten bereik bij dit tempo: zelfs de bovenkant van de bandbreedte blijft onder het doel",
    ),
    "midterm.retarget.over": (
        "will clearly overshoot: even the bottom of the band is 20% above the target",
        "wordt ruim overtroffen: zelfs de onderkant van de bandbreedte ligt 20% boven het doel",
    ),
    "midterm.earned": (
        "Earned so far under the reward rules: {total} of the {budget} budget ({share}). Prizes are "
        "provisional: they go to the places at the end of the campaign.",
        "Tot nu toe verdiend volgens de spelregels: {total} van het budget van {budget} ({share}). Prijzen "
        "zijn voorlopig: ze gaan naar de plaatsen aan het eind van de campagne.",
    ),
    "midterm.no_meetings": (
        "No ambassador meetings recorded yet: add them in the form above.",
        "Nog geen ambassadeursbijeenkomsten vastgelegd: voeg ze toe in het formulier hierboven.",
    ),
    "midterm.no_departments": (
        "Departments are known once phase 2's employee list is set up (selection: in campaign.yaml).",
        "Afdelingen zijn bekend zodra de medewerkerslijst van fase 2 is ingericht (selection: in campaign.yaml).",
    ),
    "midterm.month_to_date": ("{month} (to {date})", "{month} (t/m {date})"),
    "midterm.top_of": ("Top 5 of {month}", "Top 5 van {month}"),
    "figure.visitors": ("Visitors via colleagues", "Websitebezoekers via collega's"),
    "figure.applicants": ("Applicants via employees", "Sollicitanten via medewerkers"),
    "figure.shared": ("Posts shared", "Gedeelde berichten"),
    "figure.activation": ("Active ambassadors", "Actieve ambassadeurs"),
    "figure.earned": ("Rewards earned", "Verdiende beloningen"),
    "chart.progress": ("KPI progress against the planned pace", "Voortgang tegenover het geplande tempo"),
    "chart.trend": ("Activity per week", "Activiteit per week"),
    "chart.planned": ("planned", "gepland"),
    "chart.actual": ("actual", "stand"),
    "chart.week": ("week starting", "week vanaf"),
    "meeting.title": ("Meeting {date}", "Bijeenkomst {date}"),
    "field.attendees": ("Ambassadors present", "Aanwezige ambassadeurs"),
    "field.works": ("What works", "Wat werkt"),
    "field.does_not_work": ("What does not work", "Wat werkt niet"),
    "field.stuck": ("Where ambassadors get stuck", "Waar lopen ambassadeurs tegenaan"),
    "field.actions": ("Agreed actions", "Afspraken"),
    "form.tab.meetings": ("Meeting notes", "Verslagen van bijeenkomsten"),
    # phase 5: final evaluation
    "report.headlines": ("Headline figures", "Kerncijfers"),
    "headline.kpis": ("KPIs", "KPI's"),
    "headline.team_planned": ("Ambassadors planned", "Geplande ambassadeurs"),
    "headline.team": ("Team proposed", "Voorgesteld team"),
    "headline.confirmed": ("Confirmed", "Bevestigd"),
    "headline.candidates": ("Candidates", "Kandidaten"),
    "headline.budget": ("Budget", "Budget"),
    "headline.median_cost": ("Likely cost (median)", "Waarschijnlijke kosten (mediaan)"),
    "headline.over_budget": ("Chance over budget", "Kans op overschrijding"),
    "headline.kpi_status": ("KPIs", "KPI's"),
    "headline.kpis_met": ("KPIs met", "KPI's behaald"),
    "headline.kpis_on_course": ("KPIs met or on course", "KPI's behaald of op koers"),
    "check.why.goal_and_kpis": (
        "{smart} of {of} KPIs with metric, target, owner and deadline",
        "{smart} van {of} KPI's met meetwijze, doel, eigenaar en deadline",
    ),
    "check.why.plan": ("{actions} actions, {owned} with an owner", "{actions} acties, {owned} met een eigenaar"),
    "check.why.team": (
        "{team} ambassadors of {planned} planned; {active} active",
        "{team} ambassadeurs van {planned} gepland; {active} actief",
    ),
    "check.why.reward": ("{rules} reward rules", "{rules} beloningsregels"),
    "check.why.motivation": (
        "{prizes} prizes on the scoreboard; {meetings} meetings",
        "{prizes} prijzen op het scorebord; {meetings} bijeenkomsten",
    ),
    "check.why.meetings": (
        "{held} meetings with notes, {planned} planned",
        "{held} bijeenkomsten met verslag, {planned} gepland",
    ),
    "check.why.evaluations": (
        "{measured} of {of} KPIs measured from the activity data; mid-term and final checkpoints",
        "{measured} van {of} KPI's gemeten uit de activiteitsgegevens; tussentijdse en eindmeting",
    ),
    "media.method.cpc": ("cost per click", "kosten per klik"),
    "media.method.cpm_cpc": ("CPM and cost per click", "CPM en kosten per klik"),
    "media.method.points": ("points", "punten"),
    "media.formula.cpc": ("CPC × clicks", "CPC × kliks"),
    "media.formula.cpm_cpc": (
        "CPM × impressions / 1000 + CPC × (reactions × multiplier + clicks)",
        "CPM × vertoningen / 1000 + CPC × (reacties × factor + kliks)",
    ),
    "media.formula.points": (
        "Σ (points per result × results) × cost per point",
        "Σ (punten per resultaat × resultaten) × kosten per punt",
    ),
    "media.cpc": ("CPC (cost per click)", "CPC (kosten per klik)"),
    "media.cpm": ("CPM (cost per 1,000 impressions)", "CPM (kosten per 1.000 vertoningen)"),
    "media.clicks": ("clicks", "kliks"),
    "media.reactions": ("reactions", "reacties"),
    "media.multiplier": ("multiplier for reactions", "factor voor reacties"),
    "media.impressions": ("impressions", "vertoningen"),
    "media.impressions_per_share": ("impressions per share", "vertoningen per gedeeld bericht"),
    "media.points_per": ("points per result", "punten per resultaat"),
    "media.results": ("results", "resultaten"),
    "media.points": ("points in total", "punten totaal"),
    "media.cost_per_point": ("cost per point", "kosten per punt"),
    "headline.roi": ("Return on investment", "Rendement"),
    "result.impression": ("impression of a shared post", "vertoning van een gedeeld bericht"),
    "section.achievement": ("KPIs achieved", "Behaalde KPI's"),
    "section.worked": ("What worked and what did not", "Wat werkte en wat niet"),
    "section.worked.intro": (
        "From the evaluation session with the ambassadors and the notes of every ambassador meeting.",
        "Uit de evaluatiesessie met de ambassadeurs en de verslagen van elke ambassadeursbijeenkomst.",
    ),
    "section.costs": (
        "Payouts and total cost against the budget",
        "Uitbetalingen en totale kosten tegenover het budget",
    ),
    "section.value": ("Value delivered and cost per outcome", "Opbrengst en kosten per resultaat"),
    "section.media": ("Earned media", "Verdiende media (earned media)"),
    "section.media.intro": (
        "What the same reach would have cost as paid media. The method and every rate are parameters in "
        "campaign.yaml (evaluation.earned_media), shown here so the estimate can be reproduced.",
        "Wat hetzelfde bereik als betaalde media had gekost. De methode en elk tarief staan als parameter in "
        "campaign.yaml (evaluation.earned_media) en staan hier, zodat de schatting na te rekenen is.",
    ),
    "section.testimonials": ("In their own words", "In hun eigen woorden"),
    "section.testimonials.intro": (
        "Testimonials from ambassadors, only with their consent: anonymously or by name, as each agreed.",
        "Testimonials van ambassadeurs, alleen met hun toestemming: anoniem of met naam, zoals ieder aangaf.",
    ),
    "section.checklist": ("The method's checklist", "Checklist van de methode"),
    "section.lessons": ("Lessons learned", "Geleerde lessen"),
    "section.recommendation": ("Recommendation for the next campaign", "Advies voor de volgende campagne"),
    "col.achieved": ("Achieved", "Behaald"),
    "col.source": ("Source", "Bron"),
    "col.outcome": ("Outcome", "Resultaat"),
    "col.cost_each": ("Cost per outcome", "Kosten per resultaat"),
    "col.input": ("Input", "Invoer"),
    "col.cost_amount": ("Amount", "Bedrag"),
    "col.check": ("Checklist item", "Onderdeel"),
    "final.anonymous": ("an ambassador", "een ambassadeur"),
    "final.provisional": (
        "Provisional: the figures run to {date}; the campaign ends on {end}.",
        "Voorlopig: de cijfers lopen tot {date}; de campagne eindigt op {end}.",
    ),
    "final.met": ("met", "behaald"),
    "final.missed": ("missed", "niet behaald"),
    "final.no_activity": (
        "No activity data (activity: in campaign.yaml), so no KPI is measured.",
        "Geen activiteitsgegevens (activity: in campaign.yaml), dus geen KPI is gemeten.",
    ),
    "final.goal": (
        "Main goal: {goal}. {met} of {of} measured KPIs met or on course.",
        "Hoofddoel: {goal}. {met} van de {of} gemeten KPI's behaald of op koers.",
    ),
    "final.session": ("Evaluation session", "Evaluatiesessie"),
    "final.cost.incentives": ("Rewards per result", "Beloningen per resultaat"),
    "final.cost.prizes": ("Prizes", "Prijzen"),
    "final.cost.fixed": ("Fixed costs", "Vaste kosten"),
    "final.cost.total": ("Total cost", "Totale kosten"),
    "final.cost.budget": ("Budget", "Budget"),
    "final.within_budget": (
        "The campaign used {share} of its budget.",
        "De campagne gebruikte {share} van het budget.",
    ),
    "final.over_budget": (
        "The campaign went over its budget: {share} of it.",
        "De campagne ging over het budget heen: {share} ervan.",
    ),
    "final.assumed": ("assumed", "aangenomen"),
    "final.valued_twice": (
        "Note: {results} count both in the points and in the value per outcome, so the value below counts "
        "them twice; leave them out of one of the two (evaluation.earned_media.points or evaluation.value_per).",
        "Let op: {results} tellen mee in de punten én in de waarde per resultaat, dus de waarde hieronder telt "
        "ze dubbel; laat ze weg uit één van beide (evaluation.earned_media.points of evaluation.value_per).",
    ),
    "final.no_media": (
        "No earned-media rates set (evaluation.earned_media in campaign.yaml).",
        "Geen tarieven voor earned media ingesteld (evaluation.earned_media in campaign.yaml).",
    ),
    "final.media_missing": (
        "The {method} method needs: {missing} (evaluation.earned_media in campaign.yaml).",
        "De methode {method} heeft nodig: {missing} (evaluation.earned_media in campaign.yaml).",
    ),
    "final.media": (
        "Earned media: {value}, by the {method} method: {formula}.",
        "Earned media: {value}, volgens de methode {method}: {formula}.",
    ),
    "final.roi": (
        "Value {value} (earned media{parts}) against a total cost of {cost}: return on investment {roi}.",
        "Waarde {value} (earned media{parts}) tegenover totale kosten van {cost}: rendement {roi}.",
    ),
    "final.no_testimonials": (
        "No testimonials with consent yet: add them in the form above.",
        "Nog geen testimonials met toestemming: voeg ze toe in het formulier hierboven.",
    ),
    "final.next.unknown": (
        "Set the organisation's yearly turnover (evaluation.turnover) to get a date for the next campaign.",
        "Vul het jaarlijkse verloop van de organisatie in (evaluation.turnover) voor een datum voor de "
        "volgende campagne.",
    ),
    "final.next.continuous": (
        "Keep ambassadors going continuously rather than in separate campaigns.",
        "Werk doorlopend met ambassadeurs in plaats van in losse campagnes.",
    ),
    "final.next.start": (
        "Start the next campaign in about {months} months: from {date}.",
        "Start de volgende campagne over ongeveer {months} maanden: vanaf {date}.",
    ),
    "final.why.no_turnover": ("Turnover is unknown.", "Het verloop is onbekend."),
    "final.why.turnover_high": (
        "Turnover is high ({share} a year): newcomers arrive all the time.",
        "Het verloop is hoog ({share} per jaar): er komen steeds nieuwe collega's bij.",
    ),
    "final.why.turnover_mid": (
        "Turnover is moderate ({share} a year).",
        "Het verloop is gemiddeld ({share} per jaar).",
    ),
    "final.why.turnover_low": (
        "Turnover is low ({share} a year): the population changes slowly.",
        "Het verloop is laag ({share} per jaar): de doelgroep verandert langzaam.",
    ),
    "final.why.success": (
        "The campaign worked ({met} of {of} KPIs met): build on it.",
        "De campagne werkte ({met} van {of} KPI's behaald): bouw erop voort.",
    ),
    "final.why.mixed": (
        "Mixed results ({met} of {of} KPIs met): keep what worked, sharpen the rest.",
        "Wisselend resultaat ({met} van {of} KPI's behaald): houd vast wat werkte, scherp de rest aan.",
    ),
    "final.why.missed": (
        "Most KPIs were missed ({met} of {of} met): sharpen them and start with a short pilot.",
        "De meeste KPI's zijn niet behaald ({met} van {of}): scherp ze aan en begin met een korte pilot.",
    ),
    "final.why.weak_support": (
        "Management support is weak: secure a sponsor before starting again.",
        "De steun van het management is zwak: zorg eerst voor een sponsor.",
    ),
    "final.why.strong_support": ("Management support is strong.", "Het management steunt de campagne duidelijk."),
    "final.sharpen": (
        "Go back to step 1 and sharpen these KPIs: {kpis}.",
        "Ga terug naar stap 1 en scherp deze KPI's aan: {kpis}.",
    ),
    "check.goal_and_kpis": (
        "We have a goal and KPIs that help us reach it.",
        "We hebben een doel en KPI's opgesteld die ons helpen dat doel te bereiken.",
    ),
    "check.plan": (
        "We have a concrete plan to reach our goals.",
        "We hebben een concreet plan waarmee wij denken onze doelen te behalen.",
    ),
    "check.team": (
        "We have an enthusiastic team of ambassadors in proportion to the staff.",
        "We hebben een bevlogen groep ambassadeurs die in verhouding staat met de medewerkers.",
    ),
    "check.reward": (
        "We have a reward and clearly framed the performance it stands for.",
        "We hebben een beloning bedacht en de prestatie die daar tegenover staat goed afgekaderd.",
    ),
    "check.motivation": (
        "We have a way to keep our ambassadors motivated.",
        "We hebben een manier bedacht om onze ambassadeurs te blijven stimuleren en motiveren.",
    ),
    "check.meetings": (
        "We planned ambassador meetings and made them worth attending.",
        "We hebben ambassadeursbijeenkomsten gepland en inhoudelijk aantrekkelijk ingevuld.",
    ),
    "check.evaluations": (
        "We planned interim evaluations and a final evaluation, aligned with the KPIs.",
        "We hebben tussentijdse evaluaties en een evaluatie gepland, afgestemd op de KPI's.",
    ),
    "check.done": ("done", "gedaan"),
    "check.partial": ("partly", "deels"),
    "check.open": ("open", "open"),
    "chart.cost": ("Total cost against the budget", "Totale kosten tegenover het budget"),
    "consent.none": ("no consent: not shown", "geen toestemming: niet tonen"),
    "consent.anonymous": ("anonymously", "anoniem"),
    "consent.named": ("by name", "met naam"),
    "support.strong": ("strong", "sterk"),
    "support.moderate": ("moderate", "gemiddeld"),
    "support.weak": ("weak", "zwak"),
    "field.ambassador": ("Ambassador (id)", "Ambassadeur (id)"),
    "field.text": ("Testimonial", "Testimonial"),
    "field.consent": ("Consent", "Toestemming"),
    "field.session_date": ("Date of the evaluation session", "Datum van de evaluatiesessie"),
    "field.worked": ("What worked", "Wat werkte"),
    "field.did_not_work": ("What did not work", "Wat werkte niet"),
    "field.turnover": ("Staff turnover per year (0.12 = 12%)", "Verloop per jaar (0,12 = 12%)"),
    "field.management_support": ("Management support", "Steun van het management"),
    "field.lessons": ("Lessons learned (one per line)", "Geleerde lessen (één per regel)"),
    "testimonial.title": ("{who}, {date}", "{who}, {date}"),
    "form.tab.session": ("Evaluation", "Evaluatie"),
    "form.tab.testimonials": ("Testimonials", "Testimonials"),
    "form.add.testimonials": ("Add testimonial", "Testimonial toevoegen"),
}

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
}


def t(key: str, lang: str, **values: object) -> str:
    """The label for `key` in `lang` ('en' or 'nl'), with {placeholders} filled in."""
    try:
        english, dutch = LABELS[key]
    except KeyError:
        raise KeyError(f"no label {key!r} in campaign_kit.i18n.LABELS") from None
    text = dutch if lang == "nl" else english
    return text.format(**values) if values else text


def label_or(key: str, lang: str, fallback: str) -> str:
    """The label for `key`, or `fallback` for a value the table does not know (a campaign's own)."""
    return t(key, lang) if key in LABELS else fallback


def month_label(year: int, month: int, lang: str) -> str:
    return f"{MONTHS['nl' if lang == 'nl' else 'en'][month - 1]} {year}"


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """A number as the reader writes it (decimal comma in Dutch); whole numbers without decimals."""
    if value is None:
        return "–"
    if float(value).is_integer() and decimals == 0:
        text = f"{int(value):,}"
    else:
        text = f"{value:,.{decimals or 1}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(share: float | None, lang: str) -> str:
    if share is None:
        return "–"
    return f"{number(round(share * 100), lang)}%"
