"""Reading spreadsheets: workbooks and CSV files in, raw tables out."""

from landscape.io.raw import RawTable, Sources
from landscape.io.readers import file_kind, read_csv, read_input, read_workbook
from landscape.io.samples import SAMPLES, sample_path

__all__ = [
    "SAMPLES",
    "RawTable",
    "Sources",
    "file_kind",
    "read_csv",
    "read_input",
    "read_workbook",
    "sample_path",
]
