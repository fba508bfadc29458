"""The demo city: Hải Phòng after the 2025 merger, plus Hà Nội → Hà Đông → Phú Lương for seed 003.

Each module adds one layer (organisation, accounts, documents, then the modules' own data); the
`load_demo` command runs them in order when the database is empty.
"""

DEMO_PASSWORD = "cchc-demo-2026"
