"""Safe merge/push/restore/enable/disable against a stand-in client (no sockets)."""

from __future__ import annotations

import stat
from dataclasses import dataclass

import pytest

from kickflip_moderation.errors import APIConnectionError, APIError, ServerError
from kickflip_moderation.sync import (
    Snapshot,
    apply_plan,
    plan_merge,
    plan_push,
    read_backup,
    read_remote,
    save_backup,
    set_active,
    verify,
)


@dataclass
class WF:
    is_active: bool
    words: list[str]


class StandIn:
    """An in-memory wordfilter. ``after_get`` runs once after the n-th GET (another admin);
    ``mangle`` alters what a POST stores (an API that drops or rewrites words)."""

    def __init__(self, words, is_active=True):
        self.words = list(words)
        self.is_active = is_active
        self.posts = []
        self.gets = 0
        self.after_get = {}
        self.mangle = None

    def get_wordfilter(self):
        self.gets += 1
        result = WF(self.is_active, list(self.words))
        hook = self.after_get.pop(self.gets, None)
        if hook:
            hook(self)
        return result

    def set_wordfilter(self, words=None, is_active=None):
        self.posts.append({"words": words, "isActive": is_active})
        if words is not None:
            self.words = self.mangle(list(words)) if self.mangle else list(words)
        if is_active is not None:
            self.is_active = is_active
        return list(self.words)


@pytest.fixture(name="backups")
def _backups(tmp_path):
    return tmp_path / "backups"


class TestMerge:
    """A merge can only add, and keeps what another admin added meanwhile."""

    def test_merge_adds_and_keeps_every_remote_word(self, backups):
        api = StandIn(["Damn", "fuck"])
        plan = plan_merge(read_remote(api), ["shit", "fuck"], ["bitch"])
        assert ["shit", "bitch"] == plan.added
        assert [] == plan.removed
        result = apply_plan(api, plan, brand="acme", backup_dir=backups)
        assert ["Damn", "fuck", "shit", "bitch"] == api.posts[-1]["words"]
        assert api.posts[-1]["isActive"] is True
        assert result.verification.ok
        assert ("Damn", "fuck") == read_backup(result.backup).words

    def test_concurrent_addition_is_folded_in(self, backups):
        api = StandIn(["fuck"])
        api.after_get[1] = lambda a: a.words.append("crap")
        plan = plan_merge(read_remote(api), ["shit"])
        result = apply_plan(api, plan, brand="acme", backup_dir=backups)
        assert ("crap",) == result.concurrent_added
        assert ["fuck", "crap", "shit"] == api.words
        assert ("fuck", "crap") == read_backup(result.backup).words

    def test_nothing_to_add_posts_nothing(self, backups):
        api = StandIn(["fuck"])
        result = apply_plan(api, plan_merge(read_remote(api), ["fuck"]), brand="a",
                            backup_dir=backups)
        assert not result.posted
        assert [] == api.posts
        assert not backups.exists()


class TestPush:
    """A push replaces the list, but removals must be allowed and concurrent additions stay."""

    def test_removals_need_permission(self, backups):
        api = StandIn(["a", "b"])
        plan = plan_push(read_remote(api), ["a", "c"])
        assert (["c"], ["b"]) == (plan.added, plan.removed)
        with pytest.raises(ValueError, match="1 removals"):
            apply_plan(api, plan, brand="x", backup_dir=backups)
        assert [] == api.posts
        result = apply_plan(api, plan, brand="x", allow_removals=True, backup_dir=backups)
        assert ["a", "c"] == api.words
        assert ["b"] == result.removed

    def test_concurrent_addition_survives_a_push(self, backups):
        api = StandIn(["a"])
        api.after_get[1] = lambda a: a.words.append("new")
        plan = plan_push(read_remote(api), ["a", "c"])
        result = apply_plan(api, plan, brand="x", backup_dir=backups)
        assert ["a", "c", "new"] == api.words
        assert ("new",) == result.concurrent_added

    def test_failed_verification_names_the_difference(self, backups):
        api = StandIn(["a"])
        api.mangle = lambda words: [w.lower() for w in words if w != "b"] + ["zzz"]
        result = apply_plan(api, plan_push(read_remote(api), ["a", "b", "Ce"]), brand="x",
                            backup_dir=backups)
        v = result.verification
        assert not v.ok
        assert ("b", "Ce") == v.missing
        assert ("ce", "zzz") == v.unexpected

    def test_reordering_is_not_a_failure(self):
        assert verify(["a", "b"], Snapshot(("b", "a"), True)).ok


class TestActive:
    """enable/disable re-send the words just read, so none can be lost."""

    def test_disable_sends_words_too(self, backups):
        api = StandIn(["a", "#b"], is_active=True)
        result = set_active(api, False, brand="x", backup_dir=backups)
        assert [{"words": ["a", "#b"], "isActive": False}] == api.posts
        assert result.verification.ok
        assert read_backup(result.backup).is_active is True

    def test_already_in_state_posts_nothing(self, backups):
        api = StandIn(["a"], is_active=False)
        assert not set_active(api, False, brand="x", backup_dir=backups).posted
        assert [] == api.posts

    def test_verification_checks_the_flag(self, backups):
        api = StandIn(["a"], is_active=False)
        api.set_wordfilter = lambda words=None, is_active=None: None  # ignores the POST
        result = set_active(api, True, brand="x", backup_dir=backups)
        assert not result.verification.ok
        assert not result.verification.active_ok


class TestBackups:
    """Backups are private files that read back exactly."""

    def test_round_trip_and_mode(self, tmp_path):
        words = ("Fuck", "crème brûlée", "son of a  b", "#1 fan", "\\o/", "x" * 500)
        path = save_backup("acme", Snapshot(words, False), directory=tmp_path)
        assert path.name.startswith("acme-") and path.suffix == ".txt"
        assert 0o600 == stat.S_IMODE(path.stat().st_mode)
        backup = read_backup(path)
        assert words == backup.words
        assert backup.is_active is False
        assert "# isActive: false" in path.read_text()

    def test_two_backups_in_one_second_do_not_collide(self, tmp_path):
        a = save_backup("acme", Snapshot(("a",), True), directory=tmp_path)
        b = save_backup("acme", Snapshot(("b",), True), directory=tmp_path)
        assert a != b
        assert ("a",) == read_backup(a).words

    def test_brand_is_made_safe_for_a_file_name(self, tmp_path):
        path = save_backup("../evil", Snapshot(("a",), True), directory=tmp_path)
        assert tmp_path == path.parent


class TestLostPostAnswers:
    """A POST whose answer is lost (timeouts, 500s) names the backup and is read back
    (issue 16, item 11)."""

    class Failing(StandIn):
        def __init__(self, words, *, stores: bool, read_back_fails: bool = False):
            super().__init__(words)
            self.stores, self.read_back_fails = stores, read_back_fails
            self.tried = False

        def set_wordfilter(self, words=None, is_active=None):
            self.tried = True
            if self.stores:
                super().set_wordfilter(words, is_active)
            raise ServerError("wordfilter update: Kickflip server error (HTTP 500)",
                              status_code=500, body="")

        def get_wordfilter(self):
            if self.tried and self.read_back_fails:
                raise APIConnectionError("wordfilter: could not reach Kickflip")
            return super().get_wordfilter()

    def test_stored_despite_the_error_counts_as_done(self, backups):
        client = self.Failing(["a"], stores=True)
        result = apply_plan(client, plan_merge(read_remote(client), ["b"]), brand="acme",
                            backup_dir=backups)
        assert result.verification is not None and result.verification.ok
        assert client.words == ["a", "b"] and result.backup is not None

    @pytest.mark.parametrize("read_back_fails", [False, True])
    def test_not_stored_or_unknown_names_the_backup(self, backups, read_back_fails):
        client = self.Failing(["a"], stores=False, read_back_fails=read_back_fails)
        with pytest.raises(APIError) as info:
            apply_plan(client, plan_merge(read_remote(client), ["b"]), brand="acme",
                       backup_dir=backups)
        [backup] = backups.iterdir()
        message = str(info.value)
        assert str(backup) in message and "words restore" in message
        assert ("failed too" if read_back_fails else "not what was sent") in message
        assert read_backup(backup).words == ("a",)


def test_a_lost_post_answer_over_http_is_read_back_and_done(tmp_path, fast_retries):
    from click.testing import CliRunner

    from kickflip_moderation.cli import main
    from kickflip_moderation.fake_api import FakeKickflip, serve

    fake = FakeKickflip(wordfilter={"isActive": True, "words": ["shit"]})
    fake.faults.lose_post_answers(times=20)  # every retry's answer is lost too
    words = tmp_path / "more.txt"
    words.write_text("bastard\n")
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url,
               "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
        result = CliRunner().invoke(main, ["words", "merge", str(words), "--yes"], env=env)
    assert result.exit_code == 0, result.output
    assert fake.wordfilter["words"] == ["shit", "bastard"]
    assert "Backup of the replaced list:" in result.output
