"""The evaluation harness: each module measures one task on the dev parts of ../shared/data."""
