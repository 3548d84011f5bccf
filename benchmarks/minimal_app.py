"""The smallest Streamlit app with a slider: the baseline for benchmarks/slider_rerun.py."""

import streamlit as st

value = st.slider("Value", min_value=0, max_value=100, value=50)
st.write(f"The value is {value}.")
