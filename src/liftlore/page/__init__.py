"""The exercise page's text layout (the seed's): reading it into an Exercise and writing it back."""
