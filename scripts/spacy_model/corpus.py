"""The texts the comparison scripts run on: Lee articles and the eval's dev articles."""
import glob

LEE = "/work/pyenv/lee_background.cor"
DEV_GLOB = "/work/shared/eval/dev/*.txt"


def lee_and_dev(n_lee):
    """The first `n_lee` Lee articles (one per line) and every dev article, as two lists of texts."""
    with open(LEE, encoding="utf-8") as f:
        lee = f.read().split("\n")[:n_lee]
    dev = []
    for path in sorted(glob.glob(DEV_GLOB)):
        with open(path, encoding="utf-8") as f:
            dev.append(f.read())
    return lee, dev
