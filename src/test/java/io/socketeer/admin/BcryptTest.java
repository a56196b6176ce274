package io.socketeer.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Known answers from npm bcryptjs 2.4.3 (the admin UI's dependency), made with
 * {@code require("bcryptjs").hashSync(password, salt)}.
 */
class BcryptTest {
    @Test
    void blowfishStartsWithThePiDigitsOfItsSpecification() {
        assertEquals(0x243F6A88, Bcrypt.Pi.P[0]);
        assertEquals(0x8979FB1B, Bcrypt.Pi.P[17]);
        assertEquals(0xD1310BA6, Bcrypt.Pi.S[0]);
        assertEquals(0x3AC372E6, Bcrypt.Pi.S[1023]);
    }

    @Test
    void hashesAsBcryptjs() {
        assertEquals("$2a$04$abcdefghijklmnopqrstuubyCG3zY1GIXMyxfivm.ClDiInHzxjiq",
                Bcrypt.hash("", "$2a$04$abcdefghijklmnopqrstuu"));
        assertEquals("$2a$05$abcdefghijklmnopqrstuuWG29KuyeAicPCJODk1zjyGvyQUU2awu",
                Bcrypt.hash("password", "$2a$05$abcdefghijklmnopqrstuu"));
        // the salt's last character holds 2 bits: "L" comes back as "."
        assertEquals("$2b$06$0123456789ABCDEFGHIJK.mE/ky8oxoFVRt0965YxqSQwf2grWjRC",
                Bcrypt.hash("secret", "$2b$06$0123456789ABCDEFGHIJKL"));
        assertEquals("$2y$04$................../...8ZaPnrU0na/i8HP/OCMGIGaAuQHqGTO",
                Bcrypt.hash("héllo wörld €", "$2y$04$................../...."));
    }

    @Test
    void onlyTheFirst72BytesCount() {
        String h = "$2a$04$abcdefghijklmnopqrstuubzadhGtS2zEF.gu0yd0opP6cVzb.e0i";
        assertEquals(h, Bcrypt.hash("x".repeat(72), h));
        assertTrue(Bcrypt.check("x".repeat(80), h));
        assertFalse(Bcrypt.check("x".repeat(71), h));
    }

    @Test
    void checksPasswords() {
        String admin = "$2a$10$Wy/OK1Ym3yD6E1bWLgS6q.GRMqJsYBxVefoEFiSzLnzpYKJwaRve.";
        assertTrue(Bcrypt.check("admin", admin));
        assertFalse(Bcrypt.check("Admin", admin));
        assertFalse(Bcrypt.check("admin ", admin));
        assertFalse(Bcrypt.check(null, admin));
        assertFalse(Bcrypt.check("admin", "admin"));
        assertFalse(Bcrypt.check("admin", admin.substring(0, 59) + "/"));
    }

    @Test
    void readsTheCostAndRefusesWhatIsNotAHash() {
        assertEquals(10, Bcrypt.rounds("$2a$10$Wy/OK1Ym3yD6E1bWLgS6q.GRMqJsYBxVefoEFiSzLnzpYKJwaRve."));
        assertThrows(IllegalArgumentException.class, () -> Bcrypt.rounds("changeit"));
        assertThrows(IllegalArgumentException.class,
                () -> Bcrypt.rounds("$2x$10$Wy/OK1Ym3yD6E1bWLgS6q.GRMqJsYBxVefoEFiSzLnzpYKJwaRve."));
        assertThrows(IllegalArgumentException.class,
                () -> Bcrypt.rounds("$2a$03$Wy/OK1Ym3yD6E1bWLgS6q.GRMqJsYBxVefoEFiSzLnzpYKJwaRve."));
        assertThrows(IllegalArgumentException.class,
                () -> Bcrypt.rounds("$2a$10$Wy/OK1Ym3yD6E1bWLgS6q.GRMqJsYBxVefoEFiSzLnzpYKJwaRve!"));
    }
}
