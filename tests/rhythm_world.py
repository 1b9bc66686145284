"""A world for the rhythm tests: the owner with a former partner, then a current partner, a
stranger (in a couple of their own) and an anonymous caller, each as an API client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from support import api_link, api_signup

ROLES = ("owner", "partner", "former", "stranger", "anonymous")


@dataclass
class World:
    client: Any
    h: dict[str, dict[str, str]]  # role -> Authorization header ({} for anonymous)

    def get(self, role: str, path: str) -> Any:
        return self.client.get(path, headers=self.h[role])

    def put(self, role: str, path: str, body: Any) -> Any:
        return self.client.put(path, json=body, headers=self.h[role])

    def post(self, role: str, path: str, body: Any = None) -> Any:
        return self.client.post(path, json=body, headers=self.h[role])

    def relink(self, a: str, b: str) -> None:
        assert self.client.delete("/api/v1/couple", headers=self.h[a]).status_code == 204
        api_link(self.client, self.h[a], self.h[b])


def make_world(client: Any, *, with_partner: bool = True) -> World:
    h = {role: api_signup(client, f"{role}@example.org") for role in ROLES[:4]}
    h["anonymous"] = {}
    other = api_signup(client, "strangers-partner@example.org")
    api_link(client, h["stranger"], other)
    if with_partner:
        api_link(client, h["owner"], h["partner"])
    return World(client, h)


def take_screen(world: World, role: str, positive: bool = False) -> None:
    from nearer.domain.safety_screen import QUESTION_IDS

    answers = dict.fromkeys(QUESTION_IDS, "no")
    if positive:
        answers[QUESTION_IDS[0]] = "yes"
    response = world.post(role, "/api/v1/safety-check", {"answers": answers})
    assert response.status_code == 201, response.text
    assert response.json()["positive"] is positive


def screen_all_clear(world: World, *roles: str) -> None:
    for role in roles:
        take_screen(world, role)

