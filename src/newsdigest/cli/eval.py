"""``newsdigest eval``: summary quality on a benchmark, every peer in the same run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import (
    ExitCode,
    fail,
    note_unused_embedder,
    progress_bar,
    refuse_overwriting_input,
    report_error,
    usage_error,
    write_output,
)


def _methods(value: list[str] | None) -> list[str]:
    """``--methods lead,lexrank --methods oracle`` → ``["lead", "lexrank", "oracle"]``."""
    from newsdigest.evaluate import DEFAULT_METHODS

    if not value:
        return list(DEFAULT_METHODS)
    names = [m.strip().lower() for item in value for m in item.split(",") if m.strip()]
    if not names:  # ``--methods "$UNSET"`` had run every method
        usage_error(f"--methods: names no method (choose from {', '.join(DEFAULT_METHODS)})")
    return list(dict.fromkeys(names))


COLUMNS_NOTE = (
    "\nR1/R2/RLsum: rouge-score F1 x 100, stemmed, averaged over the references. flagged %: the"
    " share of digest sentences that open with an unresolved reference or are fragments (no"
    " finite verb); dup/digest: duplicate or near-duplicate sentences a digest"
    " (newsdigest.readability). ms/cluster: splitting and summarizing, per cluster."
)


def eval_command(
    dataset: Annotated[
        Path,
        typer.Argument(
            help='Multi-News CSV, or JSON Lines {"documents", "summary"} (or a .json array).',
            parser=options.input_path,
        ),
    ],
    words: Annotated[int, typer.Option("--words", "-w", help="Budget: words per summary.")] = 250,
    methods: Annotated[
        list[str] | None,
        typer.Option(
            "--methods",
            "-m",
            help="Systems to run, comma-separated or repeated "
            "(default: default, lead, random, lexrank, textrank, lsa, oracle).",
        ),
    ] = None,
    predictions: Annotated[
        Path | None,
        typer.Option(
            help="Write the default method's summaries (else the first of --methods) here "
            "(JSON Lines).",
            parser=options.input_path,
        ),
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(help="Draw quality against speed into this PNG.", parser=options.input_path),
    ] = None,
    embedder: Annotated[
        str | None, typer.Option(help="Embedder for the default method (tfidf, static, ...).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N clusters (quick checks).")
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(help='Only records whose "split" is this (NeuS: train, val).'),
    ] = None,
) -> None:
    """Score summarizers with ROUGE under the fixed protocol and print one table.

    The cross-validated figure of the fitted default comes from ``bench/eval_train.py``: it
    refits the weights per fold, which this command (scoring shipped methods) does not.
    """
    from newsdigest.errors import NewsdigestError, RecordLines
    from newsdigest.evaluate import (
        markdown_table,
        plot_png,
        predictions_jsonl,
        read_dataset,
        run_eval,
    )

    if words < 1:
        usage_error(f"--words: must be at least 1, got {words}")
    for option, out_path in (("--predictions", predictions), ("--plot", plot)):
        if out_path is None:
            continue
        try:  # said before the scoring
            folder = out_path.parent.is_dir()
        except OSError as exc:  # a name too long for the file system
            report_error(f"{option}: {out_path}: {(exc.strerror or str(exc)).lower()}")
            raise typer.Exit(ExitCode.FAILED) from None
        if not folder:
            report_error(f"{option}: {out_path}: folder {out_path.parent} does not exist")
            raise typer.Exit(ExitCode.FAILED)
        if out_path.is_dir():  # it had been said only after the whole scoring
            report_error(f"{option}: {out_path}: it is a folder")
            raise typer.Exit(ExitCode.FAILED)
        refuse_overwriting_input(f"{option}: ", out_path, [dataset])
    names = _methods(methods)
    note_unused_embedder(embedder, names)
    clusters, errors = read_dataset(dataset, split)
    refused = RecordLines(report_error, RecordLines.refused)  # ten rows a file, then one line
    for error in errors:
        refused.error(error)
    refused.close()
    if limit is not None:
        clusters = clusters[:limit]
    if not clusters:
        if not errors:
            report_error(f"{dataset}: no cluster in the file")
        raise typer.Exit(ExitCode.FAILED)
    try:
        with progress_bar() as bar:
            task = bar.add_task(
                f"{len(names)} system{'' if len(names) == 1 else 's'}", total=len(clusters)
            )
            results = run_eval(
                clusters,
                names,
                words=words,
                embedder=embedder,
                progress=lambda done: bar.update(task, completed=done),
            )
    except NewsdigestError as exc:
        fail(exc, summarizer_option="--methods")
    typer.echo(f"{len(clusters)} cluster{'' if len(clusters) == 1 else 's'}, {words} words\n")
    typer.echo(markdown_table(results))
    typer.echo(COLUMNS_NOTE)
    by_name = {r.name: r for r in results}
    if predictions is not None:
        target = by_name.get("default") or results[0]
        write_output(predictions_jsonl(target), predictions, "predictions")
        typer.echo(f"\n{target.name} summaries: {predictions}")
    if plot is not None:
        write_output(plot_png(results), plot, "plot")
        typer.echo(f"plot: {plot}")
    raise typer.Exit(ExitCode.PARTIAL if errors else ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
