"""The `campaign` command line: validate, run, new, list, plan, portfolio."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

from campaign_kit.core.errors import CampaignError
from campaign_kit.core.i18n import LANGUAGES, SOURCE_LANGUAGE, t
from campaign_kit.core.paths import CAMPAIGN_FILE, outputs_dir, parameters_dir
from campaign_kit.core.storage import disk_error

DESCRIPTION = """\
Campaign workbook for employee ambassador programmes.

A campaign is a folder parameters/<name>/ with campaign.yaml and its data files. CAMPAIGN below is
that name (e.g. leerprogramma) or a path to such a folder.

Phases: goals (1), selection (2), rewards (3), midterm (4), final (5).
"""

EPILOG = """\
examples:
  campaign validate leerprogramma
  campaign run leerprogramma                      all phases, as of today, into outputs/
  campaign run leerprogramma --phase goals --as-of 2026-11-30
  campaign run employer-branding-pilot --quiet     (for cron: prints only failures)

Each command has its own help: campaign run --help
  campaign new vacatures-2027 --language nl
  campaign list
  campaign plan leerprogramma --reach 60% --by 2027-06-01   the oil-spot planner
  campaign portfolio --language nl                 one page across every campaign, as of today
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; expected YYYY-MM-DD") from None


def _share(text: str) -> float:
    """'60%', '60' or '0.6' as 0.6."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share; expected e.g. 60%") from None
    if cleaned in ("1", "1.0") and not text.strip().endswith("%"):  # 1% or everyone? ask rather than guess
        raise argparse.ArgumentTypeError(f"{text!r} is ambiguous; write 1% or 100%")
    return value / 100 if text.strip().endswith("%") or value > 1 else value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="campaign",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    campaign_help = "campaign name under parameters/ (e.g. leerprogramma) or a path to a campaign folder"
    p = sub.add_parser("validate", help="check a campaign's files; list every problem")
    p.add_argument("campaign", metavar="CAMPAIGN", help=campaign_help)

    p = sub.add_parser(
        "run",
        help="run phases into a new dated snapshot with HTML reports",
        description="Run phase notebooks into outputs/<campaign>/<as-of date>/ (never overwriting a snapshot).",
    )
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.add_argument(
        "--phase",
        action="append",
        metavar="PHASE",
        help="phase name or number; repeat for several (default: every phase that exists)",
    )
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="report date (default: today)")
    p.add_argument("--outputs", type=Path, metavar="DIR", help="where snapshots go (default: outputs/)")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors (for cron)")

    p = sub.add_parser("new", help="create a new campaign folder from the template")
    p.add_argument(
        "slug", metavar="FOLDER", help="folder name under parameters/, e.g. vacatures-2027 or parameters/vacatures-2027"
    )
    p.add_argument("--name", metavar="TITLE", help="campaign title shown on reports")
    p.add_argument("--organisation", metavar="TEXT", help="organisation name shown on reports")
    p.add_argument("--language", choices=LANGUAGES, default="en", help="language of forms and reports")
    p.add_argument("--start", type=_date, metavar="YYYY-MM-DD", help="first day of the campaign")
    p.add_argument("--end", type=_date, metavar="YYYY-MM-DD", help="last day of the campaign")
    p.add_argument("--population", type=int, metavar="N", dest="population_size", help="size of the target population")

    p = sub.add_parser(
        "plan",
        help="the smallest ambassador team, per department, that reaches a share of the group by a date",
        description="The oil-spot planner: how many ambassadors, where, to reach how many colleagues by when.",
    )
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.add_argument("--reach", type=_share, required=True, metavar="SHARE", help="share of the group, e.g. 60%%")
    p.add_argument("--by", type=_date, required=True, metavar="YYYY-MM-DD", help="date the share must be reached")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="plan from this date (default: today)")

    p = sub.add_parser("list", help="list campaigns and their snapshots with status")
    p.add_argument("--outputs", type=Path, metavar="DIR", help="where snapshots are (default: outputs/)")

    p = sub.add_parser(
        "portfolio",
        help="one page across campaigns: state, KPIs, budget, cost per outcome and trends of each",
        description="Write outputs/_portfolio/<as-of date>/index.html (never overwriting one): every campaign "
        "under parameters/ with its latest snapshot and status, headline figures, KPI states, budget used, "
        "cost per outcome side by side, and its KPI actuals and rewards earned over its snapshots.",
    )
    p.add_argument("--outputs", type=Path, metavar="DIR", help="where the snapshots are (default: outputs/)")
    # read as text and checked by the command itself: a mistake is one line and exit 1, not a usage
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the portfolio as it stood on this date (default: today)")
    p.add_argument(
        "--language", metavar="LANG", default="en", help=f"language of the page: {', '.join(LANGUAGES)} (default: en)"
    )
    return parser


def _problems(exc: CampaignError) -> None:
    """Every problem, one a line, in the campaign's language (file names and key paths as they are)."""
    for line in exc.lines():
        print(f"  {line}", file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.run.checks import check_data
    from campaign_kit.run.progress import TerminalProgress

    campaign = load_campaign(args.campaign)
    # the files it names, read as a run would read them; a long read shows its progress on a terminal
    data = check_data(campaign, TerminalProgress(campaign.language))
    if data.problems:
        raise CampaignError(data.problems, language=campaign.language)
    print(
        f"{args.campaign}: valid ({len(campaign.kpis)} KPIs, {len(campaign.actions)} actions, "
        f"{data.files} data files read)"
    )
    if data.warnings:
        count = len(data.warnings)
        print(f"{t('cli.warning' if count == 1 else 'cli.warnings', campaign.language, count=count)}:")
        for warning in data.warnings:
            print(f"  {warning.describe(campaign.language)}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from campaign_kit.core.phases import parse_phase
    from campaign_kit.run.runner import print_progress, run_snapshot

    phases = [parse_phase(p) for p in args.phase] if args.phase else None
    result = run_snapshot(
        args.campaign,
        phases=phases,
        as_of=args.as_of,
        outputs=args.outputs,
        progress=None if args.quiet else print_progress,
    )
    for failure in result.failures:
        print(f"campaign run: {failure}", file=sys.stderr)
    if not args.quiet or result.failures:
        print(f"snapshot {result.status}: {result.folder}")
    return 0 if result.status == "ok" else 1


def cmd_new(args: argparse.Namespace) -> int:
    from campaign_kit.run.scaffold import new_campaign

    slug = args.slug
    given = Path(slug)
    # `campaign new parameters/mytest` names the same folder as `campaign new mytest`
    if len(given.parts) > 1 and given.parent.resolve() == parameters_dir().resolve():
        slug = given.name
    path, todo = new_campaign(
        slug,
        name=args.name,
        organisation=args.organisation,
        language=args.language,
        start=args.start,
        end=args.end,
        population_size=args.population_size,
    )
    print(f"created {path}")
    if todo:
        print(f"still to fill in (then check with: campaign validate {slug}, or ./workbook validate {slug}):")
        for problem in todo:
            print(f"  {problem.key}: {problem.text(args.language)}")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from campaign_kit.core import formats
    from campaign_kit.core.validation import load_campaign
    from campaign_kit.spread.campaign import plan_campaign
    from campaign_kit.spread.priors import P_YEAR, Q_YEAR

    campaign = load_campaign(args.campaign)
    lang = campaign.language
    result = plan_campaign(campaign, args.reach, args.by, args.as_of or dt.date.today())
    said = result.assumptions
    people = sum(result.departments.values())
    target, by = formats.percent(result.target, lang), formats.date(args.by, lang)
    print(
        t("plan.title", lang, name=campaign.name, target=target, people=formats.number(people, lang), date=by)
        + " "
        + t("plan.weeks", lang, weeks=result.weeks, start=formats.date(result.begin, lang))
    )
    source = t("plan.source.spread", lang) if said.source == "spread" else f"KPI {said.source}"
    print(
        t(
            "plan.assumed",
            lang,
            n=formats.number(said.per_ambassador, lang),
            weeks=formats.number(round(said.weeks), lang),
            source=source,
            adoption=t(f"result.{said.adoption}", lang),
            p=formats.number(P_YEAR[1], lang, 2),
            q=formats.number(Q_YEAR[1], lang, 2),
        )
    )
    width = max(len(name or t("plan.whole_group", lang)) for name in result.departments)
    plan = result.plan
    if plan is None:
        print(t("plan.none", lang, largest=result.largest, target=target, date=by))
        print(t("plan.largest", lang, n=result.largest, date=by, share=formats.percent(result.largest_share, lang)))
    else:
        chance, share = formats.percent(plan.chance, lang), formats.percent(plan.expected_share, lang)
        print(t("plan.team", lang, n=plan.size, chance=chance, share=share))
        for (name, size), n in zip(result.departments.items(), plan.allocation, strict=True):
            print(f"  {(name or t('plan.whole_group', lang)):<{width}}  {t('plan.of', lang, n=int(n), size=size)}")
    print(t("plan.around", lang, date=by))
    for n, curve in result.around.items():
        mark = "  " + t("plan.planned", lang) if n == campaign.team.ambassadors else ""
        print(f"  {n:>4}  {formats.percent(float(curve[-1]), lang):>6}{mark}")
    if result.begin > campaign.start:  # planned from a later day: says nothing of who was reached so far
        print(t("plan.from_scratch", lang, date=formats.date(result.begin, lang)))
    return 0 if plan is not None else 1


def cmd_list(args: argparse.Namespace) -> int:
    from campaign_kit.data.history import list_snapshots, read_manifest, status_of

    root = args.outputs or outputs_dir()
    campaigns = (
        sorted(p.name for p in parameters_dir().iterdir() if (p / CAMPAIGN_FILE).is_file())
        if parameters_dir().is_dir()
        else []
    )
    from campaign_kit.portfolio.analysis import PORTFOLIO_DIR

    extra = (
        sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in campaigns and p.name != PORTFOLIO_DIR)
        if root.is_dir()
        else []
    )
    if not campaigns and not extra:
        print("no campaigns yet; create one with: campaign new NAME")
    for name in campaigns + extra:
        snapshots = list_snapshots(root / name)
        print(f"{name}{'' if name in campaigns else '  (parameters folder missing)'}")
        if not snapshots:
            print("  no snapshots yet")
        for folder in snapshots:
            manifest = read_manifest(folder)
            status = status_of(manifest)  # 'interrupted' for a run still marked running whose process is gone
            phases = ", ".join(
                f"{p['name']} {'interrupted' if status == 'interrupted' and p['status'] == 'pending' else p['status']}"
                for p in (manifest or {}).get("phases", [])
            )
            print(f"  {folder.name:<14} {status:<8} {phases}")
    return 0


def cmd_portfolio(args: argparse.Namespace) -> int:
    """Every option is checked before anything is read or written: a mistake is one line naming
    the option and what is expected (in the page's language once that is known), and exit 1."""
    lang = args.language
    if lang not in LANGUAGES:
        choices = ", ".join(LANGUAGES)
        return _refused(args, t("portfolio.error.language", SOURCE_LANGUAGE, value=repr(lang), choices=choices))
    try:
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of is not None else dt.date.today()
    except ValueError:
        return _refused(args, t("portfolio.error.as_of", lang, value=repr(args.as_of)))
    outputs = args.outputs or outputs_dir()
    if not outputs.is_dir():
        return _refused(args, t("portfolio.error.outputs", lang, path=outputs))
    from campaign_kit.portfolio.report import write_portfolio

    folder = write_portfolio(parameters_dir(), outputs, as_of, lang)
    print(t("portfolio.written", lang, path=folder / "index.html"))
    return 0


def _refused(args: argparse.Namespace, said: str) -> int:
    print(f"campaign {args.command}: {said}", file=sys.stderr)
    return 1


COMMANDS = {
    "validate": cmd_validate,
    "run": cmd_run,
    "new": cmd_new,
    "list": cmd_list,
    "plan": cmd_plan,
    "portfolio": cmd_portfolio,
}


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (cron, systemd, Airflow stopping a run): handled like Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    # once stopping, a second signal (a scheduler that repeats its SIGTERM, a parent-death signal) must
    # not cut short the marking of the snapshot: the run is ending anyway
    for other in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(signum)


def _quiet_from_now_on() -> None:
    """A stopped run's last words are its one line. The kernels died with the signal, and the notebook
    client's unfinished tasks and coroutines would otherwise be reported as the process winds down
    ('Task exception was never retrieved ... DeadKernelError', 'coroutine ... was never awaited')."""
    logging.getLogger("asyncio").disabled = True
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    threading.excepthook = lambda _args: None  # a client thread that finds its kernel dead
    sys.unraisablehook = lambda _unraisable: None  # 'Exception ignored in ...' while winding down


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    before = {}
    if threading.current_thread() is threading.main_thread():  # handlers can only be set there
        before = {signum: signal.signal(signum, _stop) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:  # `campaign plan ... | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except CampaignError as exc:
        count = len(exc.problems)
        said = t("cli.problem" if count == 1 else "cli.problems", exc.language or "en", count=count)
        print(f"campaign {args.command}: {said}:", file=sys.stderr)
        _problems(exc)
        return 1
    except OSError as exc:
        said = disk_error(exc)
        if said is None:
            raise
        print(f"campaign {args.command}: cannot write {said}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        _quiet_from_now_on()
        print(f"campaign: interrupted ({signal.Signals(signum).name})", file=sys.stderr)
        return 128 + signum
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    sys.exit(main())
