"""Helpers for engine tests: run the CLI in-process or as a subprocess, build tiny databases."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from auditor.cli import main


@dataclass
class Run:
    """Outcome of one CLI run."""

    code: int
    out: str
    err: str


def run_cli(args: list[str], capsys) -> Run:
    """Run ``auditor`` in-process and capture what it printed."""
    code = main(args)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def run_subprocess(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, timeout: int = 300,
                   stdin: str | None = None) -> Run:
    """Run ``python -m auditor`` in a child process (real exit codes, real stdout/stderr)."""
    full_env = dict(os.environ)
    full_env.pop("AUDITOR_DB_PASSWORD", None)
    if env:
        full_env.update(env)
    proc = subprocess.run([sys.executable, "-m", "auditor", *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout, input=stdin)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def make_minimal_db(path: Path) -> Path:
    """A small social-service database with one problem of each kind."""
    c = sqlite3.connect(path)
    c.executescript(
        """
        create table usager(id_usager integer primary key, nom text, prenom text, dt_naiss text, nir text, archive integer);
        create table entretien(id_entretien integer primary key, id_usager integer, date_entretien text, note text);
        create table agent(id_agent integer primary key, login text, fonction text, mdp text, actif integer);
        create table droit_acces(id integer primary key, fonction text, table_cible text, lecture integer, perimetre text);
        create table stat_annuelle(id integer primary key, annee integer, nom text, prenom text, nature_demande text, nb integer);
        insert into usager values (1,'Durandeau','Aliette','01/02/1980','185057800608491',0),(2,'Lemarchal','Bertrand','03/04/1990','',1),(3,'Fabrequin','Chloé','05/06/1970',NULL,0);
        insert into entretien values (1,1,'2020-01-01','Madame reçue pour un dossier CAF.'),(2,2,'01/01/2019','RAS'),(3,3,'2026-01-01','Dossier logement déposé.'),(4,1,'2021-05-01','Point budget.');
        insert into agent values (1,'jdupontel','ASS','Motdepasse-Unique-123',1),(2,'rhcompte','RH','Autre-Secret-456',1);
        insert into droit_acces values (1,'ASS','entretien',1,'departement'),(2,'RH','entretien',1,'departement'),(3,'SECRETARIAT','usager',1,'mds');
        insert into stat_annuelle values (1,2025,'Durandeau','Aliette','logement',1);
        """
    )
    c.commit()
    c.close()
    return path
