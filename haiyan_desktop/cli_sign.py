"""The signing commands of `haiyan-desktop`: pki, sign, verify, trust, and `report --sign`.

A thin layer over :mod:`haiyan_desktop.jobs.signing`, kept apart from cli.py so that pyHanko
and cryptography are imported only by these commands. Passphrases come from a file named on the
command line (first line) or are typed at the terminal; they are never echoed or printed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    folder,
    json_option,
    passphrase_option,
    print_json,
    read_passphrase,
)
from .errors import HaiyanError
from .messages import msg, render

__all__ = ["add_signing_commands", "passphrase_option", "read_passphrase", "report_and_sign"]


def add_signing_commands(commands: Any, common: argparse.ArgumentParser, parser_class: type
                         ) -> None:
    """Register pki, sign, verify and trust under the main parser's ``commands``."""
    pki = commands.add_parser("pki", parents=[common], help="县级证书管理 / the county's "
                              "certificates")
    pki_commands = pki.add_subparsers(dest="pki_command", required=True,
                                      parser_class=parser_class)

    def add(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        sub = pki_commands.add_parser(name, parents=[common], help=help_text)
        sub.set_defaults(handler=handler)
        return sub

    init = add("init-county", "创建县级根证书 / create the county root CA", cmd_pki_init)
    init.add_argument("--out", required=True, metavar="DIR", help="新的空文件夹 / a new folder")
    init.add_argument("--ca-passphrase-file", metavar="F",
                      help="根证书私钥口令文件 / file with the root key's passphrase")
    issue = add("issue", "签发乡镇签名证书 / issue a township signing certificate",
                cmd_pki_issue)
    issue.add_argument("--unit", help="单位代码或名称（county 角色不填）/ unit code or name "
                       "(not for the county role)")
    issue.add_argument("--role", required=True, help="clerk（填报人）、head（单位负责人）或 "
                       "county（县评估办公室，签署考核目录）/ clerk, head or county (signs "
                       "catalogues)")
    issue.add_argument("--name", required=True, help="持有人姓名 / the holder's name")
    issue.add_argument("--ca", required=True, metavar="DIR", help="县级证书文件夹 / county "
                       "folder")
    issue.add_argument("--out", required=True, metavar="FILE.p12", help="输出 / output file")
    issue.add_argument("--days", type=int, default=None,
                       help="有效天数（默认 3 年）/ days of validity (default 3 years)")
    issue.add_argument("--passphrase-file", metavar="F", help="证书文件口令 / the .p12's "
                       "passphrase")
    issue.add_argument("--ca-passphrase-file", metavar="F", help="根证书私钥口令 / the root "
                       "key's passphrase")
    revoke = add("revoke", "吊销证书并更新吊销列表 / revoke a certificate, update the CRL",
                 cmd_pki_revoke)
    revoke.add_argument("--ca", required=True, metavar="DIR")
    revoke.add_argument("--serial", required=True, help="证书序列号（pki list）/ serial")
    revoke.add_argument("--reason", help="keyCompromise, affiliationChanged, superseded, "
                        "cessationOfOperation …")
    revoke.add_argument("--ca-passphrase-file", metavar="F")
    crl = add("crl", "生成吊销列表 / write the revocation list", cmd_pki_crl)
    crl.add_argument("--ca", required=True, metavar="DIR")
    crl.add_argument("--out", metavar="FILE", help="默认 DIR/county.crl / default DIR/county.crl")
    crl.add_argument("--days", type=int, default=None, help="有效天数（默认 90）/ days valid")
    crl.add_argument("--ca-passphrase-file", metavar="F")
    listing = add("list", "列出已签发的证书 / list issued certificates", cmd_pki_list)
    listing.add_argument("--ca", required=True, metavar="DIR")
    json_option(listing)

    sign = commands.add_parser("sign", parents=[common], help="为报告签名 / sign a report")
    sign.add_argument("file", help="haiyan-desktop report 生成的 PDF / a report PDF")
    sign.add_argument("-o", "--output", required=True, help="输出 .pdf / output file")
    sign.add_argument("--p12", required=True, metavar="FILE.p12",
                      help="签名证书 / the signing certificate")
    passphrase_option(sign)
    sign.set_defaults(handler=cmd_sign)

    verify = commands.add_parser("verify", parents=[common], help="核验报告的签名 / verify a "
                                 "signed report")
    verify.add_argument("file", help="签名的报告 / a signed report")
    verify.add_argument("--trust", metavar="ROOT.pem", help="县级根证书（默认：已安装的）/ the "
                        "county root (default: the installed one)")
    verify.add_argument("--crl", action="append", default=[], metavar="FILE",
                        help="吊销列表 / revocation list")
    json_option(verify)
    verify.set_defaults(handler=cmd_verify)

    trust = commands.add_parser("trust", parents=[common], help="本机信任的根证书 / the root "
                                "this PC trusts")
    trust_commands = trust.add_subparsers(dest="trust_command", required=True,
                                          parser_class=parser_class)
    install = trust_commands.add_parser("install", parents=[common],
                                        help="安装县级根证书和吊销列表 / install the county "
                                             "root and CRL")
    install.add_argument("--root", required=True, metavar="ROOT.pem")
    install.add_argument("--crl", metavar="FILE")
    install.set_defaults(handler=cmd_trust_install)


def _open_ca(args: argparse.Namespace):
    from .jobs import signing

    what = render("pki.what_ca", args.lang)
    return signing.open_ca(args.ca, read_passphrase(args.ca_passphrase_file, what, args.lang,
                                                    "--ca-passphrase-file"))


def _credential(args: argparse.Namespace, path: str):
    from .jobs import signing

    what = render("pki.what_p12", args.lang, path=str(path))
    return signing.load_credential(path, read_passphrase(args.passphrase_file, what,
                                                         args.lang, "--passphrase-file"))


# --- pki --------------------------------------------------------------------------------------
def cmd_pki_init(args: argparse.Namespace) -> int:
    from .jobs import signing

    what = render("pki.what_ca", args.lang)
    passphrase = read_passphrase(args.ca_passphrase_file, what, args.lang,
                                 "--ca-passphrase-file", new=True)
    print(render("pki.initialised", args.lang, path=str(signing.pki_init(args.out, passphrase))))
    return EXIT_OK


def cmd_pki_issue(args: argparse.Namespace) -> int:
    from .jobs import signing
    from .signing import ROLE_LABELS

    # before any passphrase is asked: a known role, and a unit exactly when the role has one
    signing.check_issue_unit(signing.role_from_label_or_refuse(args.role), args.unit)
    ca = _open_ca(args)
    what = render("pki.what_p12", args.lang, path=args.out)
    passphrase = read_passphrase(args.passphrase_file, what, args.lang, "--passphrase-file",
                                 new=True)
    issued, unit, role = signing.pki_issue(ca, args.unit, args.role, args.name, passphrase,
                                           args.out, args.days)
    print(render("pki.issued", args.lang, unit=unit, role=ROLE_LABELS[role],
                 name=args.name.strip(), serial=format(issued.serial, "x"),
                 until=f"{issued.not_after:%Y-%m-%d}", path=str(issued.path)))
    return EXIT_OK


def cmd_pki_revoke(args: argparse.Namespace) -> int:
    from .jobs import signing
    from .signing import pki

    ca = _open_ca(args)
    entry = signing.pki_revoke(ca, args.serial, args.reason)
    print(render("pki.revoked", args.lang, serial=entry["serial"], name=entry["name"],
                 path=str(ca.directory / pki.CRL_FILE)))
    return EXIT_OK


def cmd_pki_crl(args: argparse.Namespace) -> int:
    from .jobs import signing

    if args.days is not None and args.days < 1:  # before any passphrase is asked
        raise HaiyanError(msg("pki.bad_days", days=args.days))
    out, crl = signing.pki_crl(_open_ca(args), args.out, args.days)
    print(render("pki.crl_written", args.lang, path=str(out), count=len(list(crl)),
                 until=f"{crl.next_update_utc.astimezone():%Y-%m-%d}"))
    return EXIT_OK


def cmd_pki_list(args: argparse.Namespace) -> int:
    from .jobs import signing
    from .signing import ROLE_LABELS

    entries = signing.pki_list(args.ca)
    if args.json:
        print_json(entries)
        return EXIT_OK
    if not entries:
        print(render("pki.list_empty", args.lang))
    for e in entries:
        revoked = f"  ✗ {e['revoked_at']}" if e["revoked_at"] else ""
        role = ROLE_LABELS[e["role"]].get(args.lang)
        print(f"{e['serial']}  {e['unit_name']}  {role}  {e['name']}  "
              f"{e['not_after'][:10]}  {e['file']}{revoked}")
    return EXIT_OK


# --- sign -------------------------------------------------------------------------------------
def cmd_sign(args: argparse.Namespace) -> int:
    from .jobs import signing
    from .jobs.folder import existing_file

    existing_file(args.file)  # before any passphrase is asked
    signed = signing.sign_file(folder(args), args.file, args.output,
                               _credential(args, args.p12))
    _print_signed(signed, args.lang)
    return EXIT_OK


def report_and_sign(args: argparse.Namespace) -> Any:
    """``report --sign``: the credential first (a wrong passphrase is quick), then the job."""
    from .jobs import signing
    from .jobs.report import check_output

    check_output(args.output)
    credential = _credential(args, args.sign)
    info, signed = signing.report_and_sign(folder(args), args.unit, args.year, args.output,
                                           credential, lang=args.lang, clerk=args.clerk)
    _print_signed(signed, args.lang)
    return info


def _print_signed(signed: Any, lang: str) -> None:
    from .signing import ROLE_LABELS

    print(render("sign.done", lang, role=ROLE_LABELS[signed.signer.role],
                 name=signed.signer.name, time=f"{signed.signed_at.astimezone():%Y-%m-%d %H:%M}",
                 path=str(signed.path)))
    print(render("sign.done_complete" if signed.complete else "sign.done_waiting", lang))


# --- verify and trust ---------------------------------------------------------------------------
def cmd_verify(args: argparse.Namespace) -> int:
    from .jobs import signing
    from .jobs.folder import existing_file

    existing_file(args.file)
    trust = signing.trust_for(folder(args).path, args.trust, args.crl)
    result = signing.verify(args.file, trust)
    if args.json:
        print_json(result.to_json(args.lang))
    else:
        _print_verification(result, args.lang)
    return EXIT_OK if result.ok else EXIT_FAILED


def _print_verification(result: Any, lang: str) -> None:
    from .signing import ROLE_LABELS

    yes, no = render("verify.yes", lang), render("verify.no", lang)
    for check in result.signatures:
        who = check.signer
        role = ROLE_LABELS[who.role].get(lang) if who else check.field
        when = f"{check.signed_at.astimezone():%Y-%m-%d %H:%M:%S %z}" if check.signed_at else "—"
        print(render("verify.signature_line", lang, role=role,
                     name=who.name if who else check.common_name,
                     unit=who.unit_name if who else "—", time=when))
        print("  " + render("verify.flags", lang, intact=yes if check.intact else no,
                            trusted=yes if check.trusted else no,
                            revoked=yes if check.revoked_at else no,
                            whole=yes if check.covers_whole else no,
                            changed=yes if check.changed_after else no))
    if result.ok:
        print(render(getattr(result, "ok_message", "verify.ok"), lang,
                     unit=result.unit["name"], year=result.year, count=len(result.signatures)))
        return
    if result.sample_only:  # sound signatures, but a training report: that is the verdict
        print(result.all_problems[0].render(lang))
        return
    problems = result.all_problems
    print(render("verify.failed", lang, count=len(problems)))
    for problem in problems:
        print(problem.render(lang), file=sys.stderr)


def cmd_trust_install(args: argparse.Namespace) -> int:
    from .jobs import signing

    installed = signing.install_trust(folder(args).path, args.root, args.crl)
    print(render("trust.installed", args.lang, path=str(installed),
                 crl=render("trust.installed_crl", args.lang) if args.crl else ""))
    return EXIT_OK
