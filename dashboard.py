"""Event Atlas: the sourced events of news articles on a map."""

import streamlit as st

st.set_page_config(page_title="Event Atlas", layout="wide")
st.title("Event Atlas")
